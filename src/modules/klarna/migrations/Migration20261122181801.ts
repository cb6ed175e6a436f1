import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261122181801 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "klarna_capture" drop constraint if exists "klarna_capture_source_key_unique";`);
    this.addSql(`create table if not exists "klarna_action" ("id" text not null, "order_id" text not null, "klarna_order_id" text not null, "klarna_capture_id" text null, "action" text not null, "actor_id" text null, "outcome" text check ("outcome" in ('succeeded', 'failed')) not null default 'succeeded', "details" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "klarna_action_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_klarna_action_order_id" ON "klarna_action" ("order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_klarna_action_deleted_at" ON "klarna_action" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "klarna_capture" ("id" text not null, "source_key" text not null, "order_id" text not null, "fulfillment_id" text null, "payment_id" text null, "provider_id" text not null, "klarna_order_id" text not null, "klarna_capture_id" text null, "klarna_reference" text null, "medusa_capture_id" text null, "amount" numeric not null, "currency_code" text not null, "medusa_amount" text null, "items" jsonb not null, "includes_shipping" boolean not null default false, "order_lines" jsonb null, "shipping_info" jsonb null, "description" text null, "idempotency_key" text not null, "status" text check ("status" in ('pending', 'succeeded', 'failed')) not null default 'pending', "attempts" integer not null default 0, "last_error" jsonb null, "created_by" text null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "klarna_capture_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_klarna_capture_source_key_unique" ON "klarna_capture" ("source_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_klarna_capture_order_id" ON "klarna_capture" ("order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_klarna_capture_deleted_at" ON "klarna_capture" ("deleted_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "klarna_action" cascade;`);

    this.addSql(`drop table if exists "klarna_capture" cascade;`);
  }

}
