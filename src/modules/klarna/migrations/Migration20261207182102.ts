import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261207182102 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "klarna_sweep_state" ("id" text not null, "swept_until" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "klarna_sweep_state_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_klarna_sweep_state_deleted_at" ON "klarna_sweep_state" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_klarna_capture_open" ON "klarna_capture" ("created_at") WHERE deleted_at IS NULL AND status IN ('pending', 'failed');`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_klarna_order_operation_open" ON "klarna_order_operation" ("created_at") WHERE deleted_at IS NULL AND status IN ('pending', 'failed');`);

    // Hand-written (not from a model): the capture sweep reads Medusa's fulfillments changed since its
    // mark (created, shipped, canceled: every write sets updated_at), a range of this index instead of
    // the whole table. Medusa's fulfillment module and this one share the database.
    this.addSql(`DO $$ BEGIN IF to_regclass('fulfillment') IS NOT NULL THEN CREATE INDEX IF NOT EXISTS "IDX_klarna_sweep_fulfillment_updated_at" ON "fulfillment" ("updated_at") WHERE deleted_at IS NULL AND canceled_at IS NULL; END IF; END $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "klarna_sweep_state" cascade;`);

    this.addSql(`drop index if exists "IDX_klarna_capture_open";`);

    this.addSql(`drop index if exists "IDX_klarna_order_operation_open";`);

    this.addSql(`drop index if exists "IDX_klarna_sweep_fulfillment_updated_at";`);
  }

}
