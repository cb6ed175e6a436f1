import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261207220000 extends Migration {

  override async up(): Promise<void> {
    // Hand-written (not from a model): the authorization extension job reads the open payments whose
    // stored Klarna expiry (data->>'expires_at', ISO 8601 UTC) falls in its window, a range of this
    // index instead of every payment of the store. Medusa's payment module and this one share the database.
    this.addSql(`DO $$ BEGIN IF to_regclass('payment') IS NOT NULL THEN CREATE INDEX IF NOT EXISTS "IDX_klarna_payment_open_expiry" ON "payment" ((data->>'expires_at')) WHERE deleted_at IS NULL AND captured_at IS NULL AND canceled_at IS NULL; END IF; END $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_klarna_payment_open_expiry";`);
  }

}
