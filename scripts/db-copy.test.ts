// npm run db:copy: an SQLite database written by the app, copied into
// PostgreSQL, reads back the same through the app's repositories; a rerun
// copies nothing twice; counts that differ fail and commit nothing.
// Runs in the PostgreSQL half of the tests (scripts/test-postgres.mjs).
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTempDatabase, testEngine } from '@/lib/db/testing';
import { disconnectDb, getDb } from '@/lib/db/client';
import { createArchitecture, forkSharedArchitecture, getSharedArchitecture, listArchitecturesForOwner } from '@/lib/db/architectures';
import { appendEpoch, createRun, getRunForOwner, loadRunWeights, saveRunWeights, updateRun } from '@/lib/db/runs';
import { changeShareLink } from '@/lib/db/share-links';
import { hashOwnerSecret, newOwnerSecret } from '@/lib/db/owner-secret';
import { postgresConnection } from '@/lib/db/database-url.mjs';
import { templateDocument } from '@/lib/templates';
import { copyDatabase } from './db-copy.mjs';

describe.skipIf(testEngine() !== 'postgresql')('db:copy from SQLite to PostgreSQL', () => {
  const temp = createTempDatabase();
  const targetUrl = process.env.DATABASE_URL!;
  const sourceUrl = `file:${path.join(temp.dir, 'source.db')}`;
  const owner = hashOwnerSecret(newOwnerSecret());
  const forker = hashOwnerSecret(newOwnerSecret());
  const weights = new Uint8Array(randomBytes(3 * 1024 * 1024)); // [786432] float32
  const made = { ids: [] as string[], runId: '', shareId: '', forkId: '', offShareId: '' };

  /** Runs `work` against the database `url` names, then goes back to the target. */
  async function on<T>(url: string, work: () => Promise<T>): Promise<T> {
    await disconnectDb();
    process.env.DATABASE_URL = url;
    try {
      return await work();
    } finally {
      await disconnectDb();
      process.env.DATABASE_URL = targetUrl;
    }
  }

  beforeAll(async () => {
    await on(sourceUrl, async () => {
      for (let i = 0; i < 3; i++) made.ids.push((await createArchitecture(owner, { name: `Net ${i}`, document: templateDocument('lenet5') })).id);
      const shared = await createArchitecture(owner, { name: 'Shared', document: templateDocument('course-cnn') });
      made.shareId = shared.shareId;
      made.ids.push(shared.id);
      const off = await createArchitecture(owner, { name: 'Link off', document: templateDocument('lenet5') });
      made.offShareId = off.shareId;
      made.ids.push(off.id);
      await changeShareLink(off.id, owner, 'off');
      made.forkId = (await forkSharedArchitecture(shared.shareId, forker))!.id;
      const run = await createRun(shared.id, owner, {
        document: templateDocument('course-cnn'),
        dataset: { name: 'MNIST', hash: 'h', shape: [28, 28, 1], classNames: ['0', '1'], trainCount: 10, testCount: 5 },
        hyperparameters: { optimizer: 'adam', learningRate: 0.001, batchSize: 8, epochs: 3, validationSplit: 0.2, shuffle: false, seed: 1 },
        backend: 'wasm',
      });
      if (run.status !== 'ok') throw new Error(run.status);
      made.runId = run.id;
      for (const epoch of [0, 1, 2]) {
        await appendEpoch(run.id, owner, { epoch, loss: 1 - epoch / 10, accuracy: 0.5 + epoch / 10, valLoss: 1, valAccuracy: 0.4 + epoch / 10, durationMs: 100, samplesPerSec: 50 });
      }
      await updateRun(run.id, owner, { status: 'completed', testAccuracy: 0.61 });
      await saveRunWeights(run.id, owner, { specs: [{ name: 'w', shape: [786432], dtype: 'float32' }], data: weights });
      // A chunk an upload left behind when the server died mid-upload (not part of any weights).
      await (await getDb()).runWeightChunk.create({ data: { runId: run.id, chunkSetId: 'cut-off', index: 0, data: new Uint8Array(16) } });
    });
  });
  afterAll(() => temp.cleanup());

  it('copies every architecture, run, epoch and weight, and the app reads them back the same', async () => {
    const sourceList = await on(sourceUrl, () => listArchitecturesForOwner(owner, { limit: 100 }));
    const sourceRun = await on(sourceUrl, () => getRunForOwner(made.runId, owner));
    const counts = await copyDatabase({ from: sourceUrl, to: targetUrl });
    expect(counts).toEqual({
      Architecture: { source: 6, target: 6 },
      Run: { source: 1, target: 1 },
      RunEpoch: { source: 3, target: 3 },
      RunWeights: { source: 1, target: 1 },
      RunWeightChunk: { source: 3, target: 3 }, // 3 MiB in 1 MiB chunks; a cut-off upload's leftovers are not copied
    });

    await disconnectDb();
    expect(process.env.DATABASE_URL).toBe(targetUrl);
    const list = await listArchitecturesForOwner(owner, { limit: 100 });
    expect(list).toEqual(sourceList); // names, summaries, run counts, best accuracy, share ids, times: all as they were
    expect(list.ok && list.page.architectures.map((a) => a.id).sort()).toEqual([...made.ids].sort()); // the fork is the forker's
    expect(await getSharedArchitecture(made.shareId)).toMatchObject({ name: 'Shared' });
    expect(await getSharedArchitecture(made.offShareId)).toBeNull(); // a link turned off stays off
    const db = await getDb();
    expect(await db.architecture.findUnique({ where: { id: made.forkId }, select: { forkedFromId: true } })).toEqual({ forkedFromId: made.ids[3] });

    const run = await getRunForOwner(made.runId, owner);
    expect(run).toMatchObject({ status: 'ok', run: { status: 'completed', testAccuracy: 0.61, epochsDone: 3, hasWeights: true } });
    expect(run).toEqual(sourceRun); // every field, epochs and times included
    const loaded = await loadRunWeights(made.runId, owner);
    expect(loaded.status).toBe('ok');
    expect(loaded.status === 'ok' && Buffer.from(loaded.data).equals(Buffer.from(weights))).toBe(true);
  });

  it('is safe to rerun: nothing is copied twice, and a change made in the source since comes over', async () => {
    const replaced = new Uint8Array(randomBytes(2 * 1024 * 1024 + 8));
    await on(sourceUrl, async () => {
      await (await getDb()).$executeRaw`UPDATE "Architecture" SET "name" = 'Renamed' WHERE "id" = ${made.ids[0]}`;
      await saveRunWeights(made.runId, owner, { specs: [{ name: 'w', shape: [replaced.byteLength / 4], dtype: 'float32' }], data: replaced });
    });
    const counts = await copyDatabase({ from: sourceUrl, to: targetUrl });
    expect(counts.Architecture).toEqual({ source: 6, target: 6 });
    expect(counts.RunEpoch).toEqual({ source: 3, target: 3 });
    expect(counts.RunWeightChunk).toEqual({ source: 3, target: 3 }); // the new weights' chunks; the old ones dropped
    await disconnectDb();
    expect(await (await getDb()).architecture.findUnique({ where: { id: made.ids[0] }, select: { name: true } })).toEqual({ name: 'Renamed' });
    const loaded = await loadRunWeights(made.runId, owner);
    expect(loaded.status === 'ok' && Buffer.from(loaded.data).equals(Buffer.from(replaced))).toBe(true);
  });

  it('fails, naming the table and both counts, and commits nothing when the target holds other rows', async () => {
    await on(sourceUrl, async () => {
      await (await getDb()).$executeRaw`UPDATE "Architecture" SET "name" = 'Renamed again' WHERE "id" = ${made.ids[0]}`;
    });
    const { connectionString, options } = postgresConnection(targetUrl);
    const client = new pg.Client({ connectionString, options });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO "Architecture" ("id", "name", "document", "ownerHash", "shareId", "updatedAt") VALUES ('extra', 'Extra', '{}', 'x', 'extra-share', now())`,
      );
      await expect(copyDatabase({ from: sourceUrl, to: targetUrl })).rejects.toThrow(
        'counts differ after the copy, so nothing was committed: Architecture has 6 row(s) in the source but 7 in the target',
      );
      const { rows } = await client.query(`SELECT "name" FROM "Architecture" WHERE "id" = $1`, [made.ids[0]]);
      expect(rows).toEqual([{ name: 'Renamed' }]); // the failed copy's update was rolled back
    } finally {
      await client.end();
    }
  });

  it('refuses URLs of the wrong engine, without echoing a password', async () => {
    await expect(copyDatabase({ from: 'postgresql://u:pw@h/db', to: targetUrl })).rejects.toThrow('--from "postgresql://u:***@h/db": expected an SQLite file URL');
    await expect(copyDatabase({ from: sourceUrl, to: 'file:x.db' })).rejects.toThrow('--to "file:x.db": expected a PostgreSQL URL');
  });
});
