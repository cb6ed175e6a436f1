import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261201222544 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "klarna_order_operation" drop constraint if exists "klarna_order_operation_key_unique";`);
    this.addSql(`create table if not exists "klarna_order_operation" ("id" text not null, "key" text not null, "order_id" text not null, "provider_id" text not null, "klarna_order_id" text not null, "operation" text null, "status" text check ("status" in ('pending', 'succeeded', 'failed')) not null default 'pending', "attempts" integer not null default 0, "klarna_status" text null, "last_error" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "klarna_order_operation_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_klarna_order_operation_key_unique" ON "klarna_order_operation" ("key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_klarna_order_operation_order_id" ON "klarna_order_operation" ("order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_klarna_order_operation_deleted_at" ON "klarna_order_operation" ("deleted_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "klarna_order_operation" cascade;`);
  }

}
