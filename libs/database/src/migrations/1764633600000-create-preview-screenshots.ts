import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePreviewScreenshots1764633600000 implements MigrationInterface {
  name = 'CreatePreviewScreenshots1764633600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "preview_screenshots" (
        "preview_id" varchar(32) NOT NULL,
        "content_type" text NOT NULL,
        "width" integer NOT NULL,
        "height" integer NOT NULL,
        "etag" text NOT NULL,
        "data" bytea NOT NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "preview_screenshots_pkey" PRIMARY KEY ("preview_id"),
        CONSTRAINT "preview_screenshots_preview_id_fkey" FOREIGN KEY ("preview_id") REFERENCES "previews" ("id") ON DELETE CASCADE
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "preview_screenshots"`);
  }
}
