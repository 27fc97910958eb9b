import { quotedSchema } from '@stepwell/read-models';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Gap watch (issue 18 item 4, `GET /metrics/gaps?area=`): the commissioner (ICB or sub-ICB location) whose area each
 * registered organisation is in. Null for organisations recorded without one (and for every row before this).
 */
export class OrganisationCommissioningArea1765400000181 implements MigrationInterface {
  name = 'OrganisationCommissioningArea1765400000181';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE ${quotedSchema(runner)}."organisation_registry" ADD COLUMN IF NOT EXISTS commissioning_area text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE ${quotedSchema(runner)}."organisation_registry" DROP COLUMN IF EXISTS commissioning_area`);
  }
}
