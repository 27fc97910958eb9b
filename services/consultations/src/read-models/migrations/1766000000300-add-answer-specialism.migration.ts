import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The answering specialist's specialism on each consultation (issue 16 item 8: metrics `groupBy=specialism`). A code;
 * null for answers recorded before it was asked (they count under `not-recorded`).
 */
export class AddAnswerSpecialism1766000000300 implements MigrationInterface {
  name = 'AddAnswerSpecialism1766000000300';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "consultations"."consultations" ADD COLUMN specialism text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "consultations"."consultations" DROP COLUMN specialism`);
  }
}
