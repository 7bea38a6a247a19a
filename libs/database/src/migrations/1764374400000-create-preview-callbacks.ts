import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePreviewCallbacks1764374400000 implements MigrationInterface {
  name = 'CreatePreviewCallbacks1764374400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "preview_callbacks" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "preview_id" varchar(32) NOT NULL REFERENCES "previews" ("id") ON DELETE CASCADE,
        "url" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "queued_at" timestamptz,
        "delivered_at" timestamptz,
        "failed_at" timestamptz,
        "attempts" integer NOT NULL DEFAULT 0,
        "last_error" text
      )`);
    await queryRunner.query(`CREATE INDEX "preview_callbacks_unqueued_idx" ON "preview_callbacks" ("preview_id") WHERE "queued_at" IS NULL`);
    await queryRunner.query(
      `CREATE INDEX "preview_callbacks_in_flight_idx" ON "preview_callbacks" ("queued_at") WHERE "delivered_at" IS NULL AND "failed_at" IS NULL AND "queued_at" IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "preview_callbacks"`);
  }
}
