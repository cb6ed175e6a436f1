import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261207182458 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "klarna_payout_transaction" drop constraint if exists "klarna_payout_transaction_key_unique";`);
    this.addSql(`alter table if exists "klarna_payout" drop constraint if exists "klarna_payout_payment_reference_unique";`);
    this.addSql(`create table if not exists "klarna_payout" ("id" text not null, "payment_reference" text not null, "provider_id" text not null, "payout_date" timestamptz not null, "currency_code" text not null, "totals" jsonb not null, "transaction_count" integer not null default 0, "matched_count" integer not null default 0, "unmatched_count" integer not null default 0, "status" text check ("status" in ('pending', 'reconciled', 'discrepancies')) not null default 'pending', "discrepancies" jsonb null, "transactions_synced_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "klarna_payout_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_klarna_payout_payment_reference_unique" ON "klarna_payout" ("payment_reference") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_klarna_payout_payout_date" ON "klarna_payout" ("payout_date") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_klarna_payout_deleted_at" ON "klarna_payout" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "klarna_payout_transaction" ("id" text not null, "key" text not null, "payment_reference" text not null, "type" text not null, "detailed_type" text null, "amount" numeric not null, "currency_code" text not null, "klarna_order_id" text not null, "capture_id" text null, "refund_id" text null, "sale_date" timestamptz null, "capture_date" timestamptz null, "klarna" jsonb not null, "order_id" text null, "order_display_id" integer null, "medusa_capture_id" text null, "medusa_refund_id" text null, "capture_record_id" text null, "discrepancy" jsonb null, "matched_at" timestamptz null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "klarna_payout_transaction_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_klarna_payout_transaction_key_unique" ON "klarna_payout_transaction" ("key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_klarna_payout_transaction_payment_reference" ON "klarna_payout_transaction" ("payment_reference") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_klarna_payout_transaction_klarna_order_id" ON "klarna_payout_transaction" ("klarna_order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_klarna_payout_transaction_capture_id" ON "klarna_payout_transaction" ("capture_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_klarna_payout_transaction_refund_id" ON "klarna_payout_transaction" ("refund_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_klarna_payout_transaction_order_id" ON "klarna_payout_transaction" ("order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_klarna_payout_transaction_deleted_at" ON "klarna_payout_transaction" ("deleted_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "klarna_payout" cascade;`);

    this.addSql(`drop table if exists "klarna_payout_transaction" cascade;`);
  }

}
