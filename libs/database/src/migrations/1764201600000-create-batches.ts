import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateBatches1764201600000 implements MigrationInterface {
  name = 'CreateBatches1764201600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "batches" (
        "id" uuid PRIMARY KEY,
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`);
    // No foreign key to previews: a batch item names a preview id, and the preview row may be
    // replaced or purged independently of the batch that asked for it.
    await queryRunner.query(`
      CREATE TABLE "batch_items" (
        "batch_id" uuid NOT NULL REFERENCES "batches" ("id") ON DELETE CASCADE,
        "position" integer NOT NULL,
        "preview_id" varchar(32) NOT NULL,
        "url" text NOT NULL,
        PRIMARY KEY ("batch_id", "position")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "batch_items"`);
    await queryRunner.query(`DROP TABLE "batches"`);
  }
}
