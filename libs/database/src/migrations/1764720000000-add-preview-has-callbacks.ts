import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether a preview has ever had a callback: set with each callback, read back by the worker's
 * write, so that the worker looks for callbacks to queue only on the previews that have any.
 */
export class AddPreviewHasCallbacks1764720000000 implements MigrationInterface {
  name = 'AddPreviewHasCallbacks1764720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "previews" ADD COLUMN "has_callbacks" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`UPDATE "previews" SET "has_callbacks" = true WHERE "id" IN (SELECT "preview_id" FROM "preview_callbacks")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "previews" DROP COLUMN "has_callbacks"`);
  }
}
