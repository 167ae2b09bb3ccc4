// The PostgreSQL migrations and their runner, run by the PostgreSQL half of
// the tests (scripts/test-postgres.mjs). The schema-file check runs on both.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTempDatabase, testEngine } from './testing';
import { applyPostgresMigrations } from './migrate-pg.mjs';
import { listMigrations } from './migrate.mjs';
import { postgresConnection } from './database-url.mjs';

const root = process.cwd();
const modelsOf = (file: string) => {
  const text = readFileSync(path.join(root, 'prisma', file), 'utf8');
  return text.slice(text.indexOf('\nmodel ')).trim();
};

describe('the two schema files', () => {
  it('declare the same models, fields and attributes (only the datasource differs)', () => {
    const sqlite = modelsOf('schema.prisma');
    expect(sqlite).toMatch(/^model Architecture/);
    expect(modelsOf('schema.postgresql.prisma')).toBe(sqlite);
  });
});

describe('the PostgreSQL migration runner', () => {
  it('names a server it cannot reach, without its password', async () => {
    // Nothing listens on port 1: the connection is refused at once.
    await expect(applyPostgresMigrations('postgresql://app:hunter2@127.0.0.1:1/db', 'prisma/migrations-postgresql')).rejects.toThrow(
      /^cannot reach PostgreSQL at postgresql:\/\/app:\*\*\*@127\.0\.0\.1:1\/db: connect ECONNREFUSED/,
    );
  });
});

describe.skipIf(testEngine() !== 'postgresql')('PostgreSQL migrations', () => {
  const temp = createTempDatabase();
  afterAll(() => temp.cleanup());
  const url = process.env.DATABASE_URL!;
  const migrationsDir = path.join(root, 'prisma', 'migrations-postgresql');
  const query = async <T,>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const { connectionString, options } = postgresConnection(url);
    const client = new pg.Client({ connectionString, options });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  };

  it('apply once when four instances start at once, and are recorded as prisma migrate deploy does', async () => {
    const results = await Promise.all([1, 2, 3, 4].map(() => applyPostgresMigrations(url, migrationsDir)));
    const onDisk = listMigrations(migrationsDir).map((m) => m.name);
    expect(onDisk.length).toBeGreaterThan(0);
    // One of them applied everything; the others waited on the lock and found nothing to do.
    expect(results.filter((r) => r.length > 0)).toEqual([onDisk]);
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(onDisk);
    for (const row of rows) {
      const sql = readFileSync(path.join(migrationsDir, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
    }
  });

  it('give every column the SQL type and nullability that schema.postgresql.prisma declares', async () => {
    const pgType: Record<string, string> = {
      String: 'text', Int: 'integer', Float: 'double precision', DateTime: 'timestamp without time zone', Bytes: 'bytea', Boolean: 'boolean',
    };
    const schemaName = postgresConnection(url).schema;
    const models = [...modelsOf('schema.postgresql.prisma').matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)];
    expect(models.length).toBe(6);
    for (const [, model, body] of models) {
      const cols = await query<{ column_name: string; data_type: string; is_nullable: string }>(
        'SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2',
        [schemaName, model],
      );
      const fields = [...body!.matchAll(/^\s+(\w+)\s+(\w+)(\?|\[\])?/gm)].filter(([, , type]) => pgType[type!] !== undefined);
      expect(cols.map((c) => c.column_name).sort(), model).toEqual(fields.map(([, field]) => field).sort());
      for (const [, field, type, mark] of fields) {
        const col = cols.find((c) => c.column_name === field)!;
        expect(col.data_type, `${model}.${field}`).toBe(pgType[type!]);
        expect(col.is_nullable, `${model}.${field} nullable`).toBe(mark === '?' ? 'YES' : 'NO');
      }
    }
  });
});
