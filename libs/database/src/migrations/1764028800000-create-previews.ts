import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePreviews1764028800000 implements MigrationInterface {
  name = 'CreatePreviews1764028800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "previews" (
        "id" varchar(32) PRIMARY KEY,
        "url" text NOT NULL,
        "status" varchar(16) NOT NULL,
        "data" jsonb,
        "error_code" varchar(64),
        "error_message" text,
        "fetched_at" timestamptz,
        "expires_at" timestamptz,
        "requested_at" timestamptz NOT NULL DEFAULT now(),
        "refresh_requested_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "previews_status_check" CHECK ("status" IN ('pending', 'ready', 'failed'))
      )`);
    await queryRunner.query(`CREATE INDEX "previews_pending_idx" ON "previews" ("requested_at") WHERE "status" = 'pending'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "previews"`);
  }
}
