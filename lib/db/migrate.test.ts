// @sqlite-only: the SQLite migration runner and its file.
// The hand-written SQL and schema.prisma must not drift apart: apply every
// migration to an empty database, compare each table with the generated
// client's fields, and exercise every model through the client.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTempDatabase } from './testing';
import { getDb } from './client';
import { applyMigrations, listMigrations } from './migrate.mjs';
import { Prisma } from './generated/client';

const temp = createTempDatabase();
afterAll(() => temp.cleanup());

const migrationsDir = path.join(process.cwd(), 'prisma', 'migrations');

describe('migrations', () => {
  it('applies every migration to an empty database and records it as prisma migrate deploy does', async () => {
    const applied = applyMigrations(temp.file, migrationsDir);
    const onDisk = listMigrations(migrationsDir);
    expect(onDisk.length).toBeGreaterThan(0);
    expect(applied).toEqual(onDisk.map((m) => m.name));

    const db = await getDb();
    const columns = await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM pragma_table_info('_prisma_migrations') ORDER BY cid`);
    expect(columns.map((c) => c.name)).toEqual([
      'id', 'checksum', 'finished_at', 'migration_name', 'logs', 'rolled_back_at', 'started_at', 'applied_steps_count',
    ]);
    const rows = await db.$queryRawUnsafe<{ migration_name: string; checksum: string; finished_at: unknown; rolled_back_at: unknown }[]>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(onDisk.map((m) => m.name));
    for (const row of rows) {
      const sql = readFileSync(path.join(migrationsDir, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
    }
  });

  it('is a no-op the second time', () => {
    expect(applyMigrations(temp.file, migrationsDir)).toEqual([]);
  });

  it('runs SQLite in WAL mode with foreign keys on', async () => {
    const db = await getDb();
    const [mode] = await db.$queryRawUnsafe<{ journal_mode: string }[]>('PRAGMA journal_mode');
    const [fk] = await db.$queryRawUnsafe<{ foreign_keys: bigint | number }[]>('PRAGMA foreign_keys');
    expect(mode?.journal_mode).toBe('wal');
    expect(Number(fk?.foreign_keys)).toBe(1);
  });

  it('creates exactly the columns the generated client expects, for every model', async () => {
    const db = await getDb();
    const models = Object.values(Prisma.ModelName);
    expect(models.sort()).toEqual(['Architecture', 'RateLimit', 'Run', 'RunEpoch', 'RunWeightChunk', 'RunWeights']);
    const fieldEnums: Record<string, Record<string, string>> = {
      Architecture: Prisma.ArchitectureScalarFieldEnum,
      Run: Prisma.RunScalarFieldEnum,
      RunEpoch: Prisma.RunEpochScalarFieldEnum,
      RunWeights: Prisma.RunWeightsScalarFieldEnum,
      RunWeightChunk: Prisma.RunWeightChunkScalarFieldEnum,
      RateLimit: Prisma.RateLimitScalarFieldEnum,
    };
    for (const model of models) {
      const cols = await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM pragma_table_info('${model}')`);
      expect(cols.map((c) => c.name).sort(), model).toEqual(Object.values(fieldEnums[model]!).sort());
    }
  });

  it('gives every column the SQL type, nullability and foreign key action that schema.prisma declares', async () => {
    const db = await getDb();
    const sqlType: Record<string, string> = { String: 'TEXT', Int: 'INTEGER', Float: 'REAL', DateTime: 'DATETIME', Bytes: 'BLOB', Boolean: 'BOOLEAN' };
    const schema = readFileSync(path.join(process.cwd(), 'prisma', 'schema.prisma'), 'utf8');
    const models = [...schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)];
    expect(models.length).toBe(6);
    for (const [, model, body] of models) {
      const cols = await db.$queryRawUnsafe<{ name: string; type: string; notnull: bigint | number }[]>(
        `SELECT name, type, "notnull" FROM pragma_table_info('${model}')`,
      );
      const fks = await db.$queryRawUnsafe<{ from: string; table: string; on_delete: string }[]>(
        `SELECT "from", "table", on_delete FROM pragma_foreign_key_list('${model}')`,
      );
      for (const [, field, type, mark, rest] of body!.matchAll(/^\s+(\w+)\s+(\w+)(\?|\[\])?(.*)$/gm)) {
        if (sqlType[type!] === undefined) {
          // A relation field: its foreign key must exist with the declared delete action.
          const rel = /fields: \[(\w+)\].*onDelete: (\w+)/.exec(rest!);
          if (!rel) continue;
          const action = { Cascade: 'CASCADE', SetNull: 'SET NULL', Restrict: 'RESTRICT' }[rel[2]!];
          expect(fks, `${model}.${field}`).toContainEqual({ from: rel[1], table: type, on_delete: action });
          continue;
        }
        const col = cols.find((c) => c.name === field);
        expect(col, `${model}.${field}`).toBeDefined();
        expect(col!.type, `${model}.${field}`).toBe(sqlType[type!]);
        expect(Number(col!.notnull), `${model}.${field} NOT NULL`).toBe(mark === '?' ? 0 : 1);
      }
    }
  });

  it('records a failing migration as rolled back, leaves the database as it was, and retries it once fixed', () => {
    const dir = path.join(temp.dir, 'migrations');
    mkdirSync(path.join(dir, '20250101000000_first'), { recursive: true });
    writeFileSync(path.join(dir, '20250101000000_first', 'migration.sql'), 'CREATE TABLE "A" ("id" TEXT NOT NULL PRIMARY KEY);');
    mkdirSync(path.join(dir, '20250102000000_broken'));
    writeFileSync(path.join(dir, '20250102000000_broken', 'migration.sql'), 'CREATE TABLE "B" ("id" TEXT);\nTHIS IS NOT SQL;');
    const file = path.join(temp.dir, 'failing.db');
    expect(() => applyMigrations(file, dir)).toThrow(/20250102000000_broken failed and was rolled back/);
    // Nothing was applied (one transaction), and the failure is on record with its error.
    const sqlite = new Database(file);
    const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('A', 'B')").all();
    const record = sqlite.prepare('SELECT migration_name, logs, finished_at, rolled_back_at FROM "_prisma_migrations"').all();
    sqlite.close();
    expect(tables).toEqual([]);
    expect(record).toEqual([
      { migration_name: '20250102000000_broken', logs: expect.stringMatching(/syntax error/), finished_at: null, rolled_back_at: expect.any(Number) },
    ]);
    writeFileSync(path.join(dir, '20250102000000_broken', 'migration.sql'), 'CREATE TABLE "B" ("id" TEXT);');
    expect(applyMigrations(file, dir)).toEqual(['20250101000000_first', '20250102000000_broken']);
  });
});

describe('every model through the generated client', () => {
  const doc = JSON.stringify({ version: 1, name: 'net', nodes: [], edges: [] });

  it('stores architectures, forks, runs, epochs and weights, and cascades deletes', async () => {
    const db = await getDb();
    const original = await db.architecture.create({
      data: { id: 'a1', name: 'net', document: doc, ownerHash: 'h1', shareId: 's1' },
    });
    expect(original.version).toBe(1);
    expect(original.createdAt).toBeInstanceOf(Date);
    const fork = await db.architecture.create({
      data: { id: 'a2', name: 'net (fork)', document: doc, ownerHash: 'h2', shareId: 's2', forkedFromId: 'a1' },
    });
    expect(fork.forkedFromId).toBe('a1');
    await expect(
      db.architecture.create({ data: { id: 'a3', name: 'x', document: doc, ownerHash: 'h1', shareId: 's1' } }),
    ).rejects.toThrow();

    const started = new Date('2025-01-01T00:00:00.000Z');
    await db.run.create({
      data: {
        id: 'r1', architectureId: 'a1', document: doc, dataset: '{}', hyperparameters: '{}', backend: 'cpu',
        epochsPlanned: 3, startedAt: started, lastHeartbeatAt: started, testAccuracy: 0.5, error: 'e', finishedAt: started,
      },
    });
    await db.runEpoch.create({
      data: { runId: 'r1', epoch: 0, loss: 1.5, accuracy: 0.25, valLoss: null, valAccuracy: 0.125, durationMs: 10.5, samplesPerSec: 99.5 },
    });
    const blob = new Uint8Array([0, 1, 2, 255]);
    await db.runWeights.create({ data: { runId: 'r1', specs: '[]', byteLength: 4, chunkSetId: 's1' } });
    await db.runWeightChunk.create({ data: { runId: 'r1', chunkSetId: 's1', index: 0, data: blob } });

    const run = await db.run.findUniqueOrThrow({ where: { id: 'r1' }, include: { epochs: true, weights: true, weightChunks: true } });
    expect(run.startedAt.toISOString()).toBe(started.toISOString());
    expect(run.status).toBe('running');
    expect(run.backendMeasurements).toBe('[]');
    expect(run.epochs).toEqual([
      { runId: 'r1', epoch: 0, loss: 1.5, accuracy: 0.25, valLoss: null, valAccuracy: 0.125, durationMs: 10.5, samplesPerSec: 99.5 },
    ]);
    expect(run.weights).toMatchObject({ byteLength: 4, chunkSetId: 's1' });
    expect(Array.from(run.weightChunks[0]!.data)).toEqual([0, 1, 2, 255]);

    await expect(
      db.runEpoch.create({ data: { runId: 'nope', epoch: 0, loss: 1, accuracy: 0, durationMs: 1, samplesPerSec: 1 } }),
    ).rejects.toThrow();

    await db.architecture.delete({ where: { id: 'a1' } });
    expect(await db.run.count()).toBe(0);
    expect(await db.runEpoch.count()).toBe(0);
    expect(await db.runWeights.count()).toBe(0);
    expect(await db.runWeightChunk.count()).toBe(0);
    // The fork survives its original, no longer pointing at it.
    expect((await db.architecture.findUniqueOrThrow({ where: { id: 'a2' } })).forkedFromId).toBeNull();
  });
});
