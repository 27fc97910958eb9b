import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { qualifiedTable, quotedSchema, readModelSchema, schemaOf } from './read-model-schema';

const dataSource = (schema?: string) => ({ options: { type: 'postgres', schema } }) as unknown as DataSource;
const runnerOf = (schema?: string) => ({ connection: dataSource(schema) }) as unknown as QueryRunner;
const managerOf = (schema?: string) => ({ connection: dataSource(schema) }) as unknown as EntityManager;

describe('the service schema of a data source', () => {
  it.each([
    ['a data source', dataSource('referrals')],
    ['a query runner (migrations)', runnerOf('referrals')],
    ['an entity manager (projections)', managerOf('referrals')],
  ])('is read the same way from %s', (_label, source) => {
    expect(schemaOf(source)).toBe('referrals');
    expect(readModelSchema(source)).toBe('referrals');
    expect(quotedSchema(source)).toBe('"referrals"');
  });

  it('is undefined without a schema, and required where read models live', () => {
    expect(schemaOf(dataSource())).toBeUndefined();
    expect(schemaOf(dataSource(''))).toBeUndefined();
    expect(() => readModelSchema(runnerOf())).toThrow(/has none/);
  });

  it('refuses a name that could break out of its quotes', () => {
    expect(() => schemaOf(dataSource('a"; DROP TABLE x; --'))).toThrow(/not a safe PostgreSQL identifier/);
    expect(() => quotedSchema(dataSource('with space'))).toThrow(/not a safe PostgreSQL identifier/);
  });
});

describe('qualifiedTable', () => {
  it('names the table in its schema, or bare (the search path) without one', () => {
    expect(qualifiedTable('outcomes', 'measure_series')).toBe('"outcomes"."measure_series"');
    expect(qualifiedTable(undefined, 'inbox')).toBe('"inbox"');
  });

  it('refuses unsafe schema and table names', () => {
    expect(() => qualifiedTable('x"y', 'inbox')).toThrow(/not a safe/);
    expect(() => qualifiedTable('outcomes', 'a.b')).toThrow(/not a safe/);
  });
});
