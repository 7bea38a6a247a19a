import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The language a preview is fetched in (Accept-Language), part of its identity; null for none. */
export class AddPreviewLang1764547200000 implements MigrationInterface {
  name = 'AddPreviewLang1764547200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "previews" ADD COLUMN "lang" varchar(64)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "previews" DROP COLUMN "lang"`);
  }
}
