import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore } from '../storage/open-store.ts';
import type { Store } from '../storage/store.ts';

/** The PostgreSQL every development and CI machine here has (trust auth). */
export const TEST_POSTGRES_URL =
  process.env.WEFT_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface StoreFactory {
  dialect: 'sqlite' | 'postgres';
  /** A fresh, empty, migrated store; close it to drop it. */
  open(): Promise<Store>;
}

/** A random schema name for one PostgreSQL test (dropped when its store closes). */
export function randomSchema(): string {
  return `weft_test_${randomBytes(6).toString('hex')}`;
}

/** Every dialect the shared suites run against: SQLite in memory and PostgreSQL in a throw-away schema. */
export const storeFactories: readonly StoreFactory[] = [
  { dialect: 'sqlite', open: () => openStore({ database: ':memory:' }) },
  {
    dialect: 'postgres',
    open: () => openStore({ database: TEST_POSTGRES_URL, schema: randomSchema(), dropSchemaOnClose: true }),
  },
];

/** Drops PostgreSQL schemas a test created (pg-boss's, say), with everything in them. */
export async function dropSchemas(...schemas: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}
