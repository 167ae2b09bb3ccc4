// Test helpers: a throwaway database per test file. Import and call
// createTempDatabase() at the top of a test file, before anything touches the db.
// By default it is an SQLite file. With CNN_STUDIO_TEST_ENGINE=postgresql
// (scripts/test-postgres.mjs sets it) it is a fresh schema in the PostgreSQL
// database CNN_STUDIO_TEST_POSTGRES_URL names, dropped again by cleanup(), so
// the same repository and API tests run against both engines.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { disconnectDb } from './client';
import type { DatabaseEngine } from './database-url.mjs';

/** The engine this test process runs against. */
export function testEngine(): DatabaseEngine {
  return process.env.CNN_STUDIO_TEST_ENGINE === 'postgresql' ? 'postgresql' : 'sqlite';
}

export function createTempDatabase(): { engine: DatabaseEngine; file: string; dir: string; cleanup: () => Promise<void> } {
  const dir = mkdtempSync(path.join(tmpdir(), 'cnn-studio-db-'));
  if (testEngine() === 'postgresql') {
    const server = process.env.CNN_STUDIO_TEST_POSTGRES_URL?.trim();
    if (!server) throw new Error('CNN_STUDIO_TEST_ENGINE=postgresql needs CNN_STUDIO_TEST_POSTGRES_URL (postgresql://user:password@host:5432/db)');
    const schema = `test_${randomBytes(6).toString('hex')}`;
    const url = new URL(server);
    url.searchParams.set('schema', schema);
    process.env.DATABASE_URL = url.toString(); // the migration runner creates the schema on first use
    return {
      engine: 'postgresql',
      file: '',
      dir,
      cleanup: async () => {
        await disconnectDb();
        rmSync(dir, { recursive: true, force: true });
        const client = new pg.Client({ connectionString: server });
        await client.connect();
        try {
          await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        } finally {
          await client.end();
        }
      },
    };
  }
  const file = path.join(dir, 'test.db');
  process.env.DATABASE_URL = `file:${file}`;
  return {
    engine: 'sqlite',
    file,
    dir,
    cleanup: async () => {
      await disconnectDb();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
