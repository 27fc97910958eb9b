import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@stepwell/read-models';
import { dropMessagingTablesSql, messagingTablesSql } from './messaging-tables.sql';

/**
 * Add to a service's TypeORM `migrations` list: creates the inbox and dead-letter tables in the data source's
 * schema (its `schema` option).
 */
export class CreateMessagingTables1763700000000 implements MigrationInterface {
  name = 'CreateMessagingTables1763700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    if (schema) await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await queryRunner.query(messagingTablesSql(schema));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(dropMessagingTablesSql(schemaOf(queryRunner)));
  }
}
