import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateApiKeys1764115200000 implements MigrationInterface {
  name = 'CreateApiKeys1764115200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "api_keys" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "name" varchar(100) NOT NULL,
        "prefix" varchar(16) NOT NULL UNIQUE,
        "key_hash" char(64) NOT NULL UNIQUE,
        "is_admin" boolean NOT NULL DEFAULT false,
        "rate_limit_per_minute" integer CHECK ("rate_limit_per_minute" > 0),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "revoked_at" timestamptz
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "api_keys"`);
  }
}
