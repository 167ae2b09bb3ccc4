// @sqlite-only: summaries backfilled in an SQLite file written by the old schema.
// Migration 20261201000100 on a database that already has architectures and
// runs: the run counts and best accuracies come over in SQL; parameter and
// error counts, which need the layer registry, are left NULL for the first
// list to fill in (app/api/architectureList.test.ts checks that part).
import Database from 'better-sqlite3';
import { cpSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTempDatabase } from './testing';
import { applyMigrations } from './migrate.mjs';

const temp = createTempDatabase();
afterAll(() => temp.cleanup());

const migrationsDir = path.join(process.cwd(), 'prisma', 'migrations');

describe('list summaries migration', () => {
  it('backfills run counts and best accuracy of existing architectures and leaves their parameter counts to be computed', () => {
    // The database as the first release left it.
    const initOnly = path.join(temp.dir, 'init-only');
    mkdirSync(initOnly);
    cpSync(path.join(migrationsDir, '20250601000000_init'), path.join(initOnly, '20250601000000_init'), { recursive: true });
    const file = path.join(temp.dir, 'old.db');
    applyMigrations(file, initOnly);
    const db = new Database(file);
    const now = new Date().toISOString();
    const arch = db.prepare('INSERT INTO "Architecture" ("id", "name", "document", "ownerHash", "shareId", "updatedAt") VALUES (?, ?, \'{}\', \'o\', ?, ?)');
    arch.run('a', 'Trained', 'sa', now);
    arch.run('b', 'Untrained', 'sb', now);
    const run = db.prepare(
      'INSERT INTO "Run" ("id", "architectureId", "document", "dataset", "hyperparameters", "backend", "epochsPlanned", "bestValAccuracy") VALUES (?, ?, \'{}\', \'{}\', \'{}\', \'cpu\', 3, ?)',
    );
    run.run('r1', 'a', 0.5);
    run.run('r2', 'a', 0.8);
    run.run('r3', 'a', null);
    db.close();

    expect(applyMigrations(file, migrationsDir)).toContain('20261201000100_architecture_list_summaries');
    const after = new Database(file);
    const rows = after.prepare('SELECT "id", "runCount", "bestValAccuracy", "paramCount", "errorCount" FROM "Architecture" ORDER BY "id"').all();
    after.close();
    expect(rows).toEqual([
      { id: 'a', runCount: 3, bestValAccuracy: 0.8, paramCount: null, errorCount: null },
      { id: 'b', runCount: 0, bestValAccuracy: null, paramCount: null, errorCount: null },
    ]);
  });
});
