import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261201222735 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "klarna_capture" drop constraint if exists "klarna_capture_status_check";`);

    this.addSql(`alter table if exists "klarna_capture" add column if not exists "completes_order" boolean not null default false, add column if not exists "lease_owner" text null, add column if not exists "lease_expires_at" timestamptz null;`);
    this.addSql(`alter table if exists "klarna_capture" add constraint "klarna_capture_status_check" check("status" in ('pending', 'succeeded', 'failed', 'canceled'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "klarna_capture" drop constraint if exists "klarna_capture_status_check";`);

    this.addSql(`alter table if exists "klarna_capture" drop column if exists "completes_order", drop column if exists "lease_owner", drop column if exists "lease_expires_at";`);

    this.addSql(`alter table if exists "klarna_capture" add constraint "klarna_capture_status_check" check("status" in ('pending', 'succeeded', 'failed'));`);
  }

}
