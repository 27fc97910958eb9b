import type { Pool, PoolClient } from 'pg';
import type { DataSource, QueryRunner } from 'typeorm';

/**
 * The little SQL the messaging tables need, over either a `pg` pool or a TypeORM `DataSource`, so that a
 * service uses whichever it already has.
 */
export interface SqlExecutor {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
}

export function sqlFromPool(pool: Pool): SqlExecutor {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await pool.query(sql, params as unknown[]);
      return result.rows as Row[];
    },
    async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(sqlFromClient(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

/** A client already inside a transaction: nested `transaction` calls join it. */
export function sqlFromClient(client: PoolClient): SqlExecutor {
  const executor: SqlExecutor = {
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await client.query(sql, params as unknown[]);
      return result.rows as Row[];
    },
    transaction: (work) => work(executor),
  };
  return executor;
}

export function sqlFromDataSource(dataSource: DataSource): SqlExecutor {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const runner = dataSource.createQueryRunner();
      try {
        return (await runner.query(sql, params as unknown[], true)).records as Row[];
      } finally {
        await runner.release();
      }
    },
    transaction: (work) =>
      dataSource.transaction((manager) => {
        if (!manager.queryRunner) throw new Error('A TypeORM transaction without a query runner');
        return work(sqlFromQueryRunner(manager.queryRunner));
      }),
  };
}

/** A query runner already inside a transaction: nested `transaction` calls join it. */
export function sqlFromQueryRunner(runner: QueryRunner): SqlExecutor {
  const executor: SqlExecutor = {
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      // Structured results: TypeORM otherwise returns [rows, count] for UPDATE and rows for everything else.
      return (await runner.query(sql, params as unknown[], true)).records as Row[];
    },
    transaction: (work) => work(executor),
  };
  return executor;
}

