// Weights saved before the chunked storage (one RunWeights.data blob per run)
// are split into 1 MiB chunks by migration 20261201002000_weight_chunks, on
// both engines, and read back byte for byte.
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createTempDatabase } from './testing';
import { getDb } from './client';
import { loadRunWeights } from './runs';
import { applyMigrations } from './migrate.mjs';
import { applyPostgresMigrations } from './migrate-pg.mjs';
import { postgresConnection } from './database-url.mjs';

const temp = createTempDatabase();
afterAll(() => temp.cleanup());

const CHUNKS_MIGRATION = '20261201002000_weight_chunks';

/** The engine's migrations from before the chunked storage, in a folder of their own. */
function migrationsBeforeChunks(): string {
  const from = path.join(process.cwd(), 'prisma', temp.engine === 'postgresql' ? 'migrations-postgresql' : 'migrations');
  const to = path.join(temp.dir, 'before-chunks');
  mkdirSync(to);
  for (const name of readdirSync(from).filter((n) => n < CHUNKS_MIGRATION)) cpSync(path.join(from, name), path.join(to, name), { recursive: true });
  return to;
}

/** Rows as the app stored them before: architecture, run, and weights in one blob. */
const legacyRows = (blobs: Record<string, Uint8Array>): [string, unknown[]][] => [
  ['INSERT INTO "Architecture" ("id", "name", "document", "ownerHash", "shareId", "updatedAt") VALUES ($1, $2, $3, $4, $5, CURRENT_TIMESTAMP)', ['a1', 'Net', '{}', 'h1', 's1']],
  ...Object.keys(blobs).map((id): [string, unknown[]] => [
    'INSERT INTO "Run" ("id", "architectureId", "document", "dataset", "hyperparameters", "backend", "epochsPlanned") VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [id, 'a1', '{}', '{}', '{}', 'cpu', 1],
  ]),
  ...Object.entries(blobs).map(([id, blob]): [string, unknown[]] => [
    'INSERT INTO "RunWeights" ("runId", "specs", "data", "byteLength", "updatedAt") VALUES ($1, $2, $3, $4, CURRENT_TIMESTAMP)',
    [id, JSON.stringify([{ name: 'w', shape: [blob.byteLength / 4], dtype: 'float32' }]), blob, blob.byteLength],
  ]),
];

describe('weights stored before the chunks', () => {
  it('are split into 1 MiB chunks by the migration and read back byte for byte', async () => {
    const blobs = { big: new Uint8Array(randomBytes(2 * 1024 * 1024 + 12)), exact: new Uint8Array(randomBytes(1024 * 1024)), small: new Uint8Array(randomBytes(8)) };
    const before = migrationsBeforeChunks();
    if (temp.engine === 'postgresql') {
      const url = process.env.DATABASE_URL!;
      await applyPostgresMigrations(url, before);
      const { connectionString, options } = postgresConnection(url);
      const client = new pg.Client({ connectionString, options });
      await client.connect();
      try {
        for (const [sql, values] of legacyRows(blobs)) await client.query(sql, values.map((v) => (v instanceof Uint8Array ? Buffer.from(v) : v)));
      } finally {
        await client.end();
      }
    } else {
      applyMigrations(temp.file, before);
      const sqlite = new Database(temp.file);
      for (const [sql, values] of legacyRows(blobs)) sqlite.prepare(sql.replace(/\$\d+/g, '?')).run(...values);
      sqlite.close();
    }

    const db = await getDb(); // applies the rest, the chunks migration among them
    const chunks = await db.runWeightChunk.findMany({ select: { runId: true, index: true, data: true }, orderBy: [{ runId: 'asc' }, { index: 'asc' }] });
    expect(chunks.map((c) => [c.runId, c.index, c.data.byteLength])).toEqual([
      ['big', 0, 1024 * 1024],
      ['big', 1, 1024 * 1024],
      ['big', 2, 12],
      ['exact', 0, 1024 * 1024],
      ['small', 0, 8],
    ]);
    for (const [id, blob] of Object.entries(blobs)) {
      const loaded = await loadRunWeights(id, 'h1');
      expect(loaded.status, id).toBe('ok');
      expect(loaded.status === 'ok' && Buffer.from(loaded.data).equals(Buffer.from(blob)), id).toBe(true);
      expect(loaded.status === 'ok' && JSON.parse(loaded.specs), id).toEqual([{ name: 'w', shape: [blob.byteLength / 4], dtype: 'float32' }]);
    }
  });
});
