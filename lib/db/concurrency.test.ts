// Writes that arrive at once, as from several app instances or retries.
// The optimistic version check lets exactly one of several saves based on the
// same version through. The counters lists show (a run's epochs done and best accuracy, an
// architecture's run count and best accuracy) stay exact when many writes for
// one architecture arrive at once, as from several app instances or retries.
// On PostgreSQL these writes run truly in parallel (a pool of connections).
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createTempDatabase } from './testing';
import { getDb } from './client';
import { createArchitecture, updateArchitecture } from './architectures';
import { appendEpoch, createRun, deleteRun, loadRunWeights, saveRunWeights } from './runs';
import { templateDocument } from '@/lib/templates';

const temp = createTempDatabase();
afterAll(() => temp.cleanup());

const owner = 'owner-hash';
const newRun = (architectureId: string, epochs = 100) =>
  createRun(architectureId, owner, {
    document: templateDocument('lenet5'),
    dataset: { name: 'MNIST', hash: 'h', shape: [28, 28, 1], classNames: ['0', '1'], trainCount: 10, testCount: 5 },
    hyperparameters: { optimizer: 'adam', learningRate: 0.001, batchSize: 8, epochs, validationSplit: 0.2, shuffle: false, seed: 1 },
    backend: 'wasm',
  });
const metrics = (epoch: number, valAccuracy: number) => ({ epoch, loss: 1, accuracy: 0.5, valLoss: 1, valAccuracy, durationMs: 10, samplesPerSec: 100 });

describe(`run counters under concurrent writes (${temp.engine})`, () => {
  it('counts every one of 40 epochs recorded at once, and keeps the best accuracy', async () => {
    const { id } = await createArchitecture(owner, { name: 'A', document: templateDocument('lenet5') });
    const run = await newRun(id);
    if (run.status !== 'ok') throw new Error(run.status);
    await Promise.all(Array.from({ length: 40 }, (_, epoch) => appendEpoch(run.id, owner, metrics(epoch, epoch / 100))));
    const db = await getDb();
    expect(await db.run.findUnique({ where: { id: run.id }, select: { epochsDone: true, bestValAccuracy: true } })).toEqual({
      epochsDone: 40,
      bestValAccuracy: 0.39,
    });
    expect(await db.architecture.findUnique({ where: { id }, select: { runCount: true, bestValAccuracy: true } })).toEqual({
      runCount: 1,
      bestValAccuracy: 0.39,
    });
  });

  it('counts every one of 20 runs started at once, epochs on all of them, and runs deleted at once', async () => {
    const { id } = await createArchitecture(owner, { name: 'B', document: templateDocument('lenet5') });
    const runs = await Promise.all(Array.from({ length: 20 }, () => newRun(id)));
    const ids = runs.map((r) => (r.status === 'ok' ? r.id : ''));
    const db = await getDb();
    expect(await db.architecture.findUnique({ where: { id }, select: { runCount: true } })).toEqual({ runCount: 20 });
    await Promise.all(ids.map((runId, k) => appendEpoch(runId, owner, metrics(0, k / 100))));
    expect(await db.architecture.findUnique({ where: { id }, select: { bestValAccuracy: true } })).toEqual({ bestValAccuracy: 0.19 });
    await Promise.all(ids.slice(10).map((runId) => deleteRun(runId, owner)));
    expect(await db.architecture.findUnique({ where: { id }, select: { runCount: true, bestValAccuracy: true } })).toEqual({
      runCount: 10,
      bestValAccuracy: 0.09,
    });
  });
});

describe(`saves based on the same version (${temp.engine})`, () => {
  it('lets exactly one of 10 saves at once through; the others get 409 with the version that won', async () => {
    const { id } = await createArchitecture(owner, { name: 'C', document: templateDocument('lenet5') });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, k) => updateArchitecture(id, owner, { name: `Edit ${k}`, document: templateDocument('lenet5'), version: 1 })),
    );
    expect(results.filter((r) => r.status === 'ok')).toEqual([{ status: 'ok', version: 2 }]);
    expect(results.filter((r) => r.status === 'conflict')).toHaveLength(9);
    for (const r of results) if (r.status === 'conflict') expect(r.currentVersion).toBe(2);
    const db = await getDb();
    const winner = results.findIndex((r) => r.status === 'ok');
    expect(await db.architecture.findUnique({ where: { id }, select: { name: true, version: true } })).toEqual({ name: `Edit ${winner}`, version: 2 });
  });
});

describe(`writes while another request's transaction is open (${temp.engine})`, () => {
  // Holds a transaction open across awaits, as the repositories' transactions
  // are between their statements, until `end` is called; then rolls it back.
  function transactionRolledBackLater(architectureId: string) {
    let end!: () => void;
    const ended = new Promise<void>((resolve) => {
      end = resolve;
    });
    let began!: () => void;
    const begun = new Promise<void>((resolve) => {
      began = resolve;
    });
    const done = getDb().then((db) =>
      db
        .$transaction(async (tx) => {
          await tx.architecture.update({ where: { id: architectureId }, data: { name: 'Rolled back' } });
          began();
          await ended;
          throw new Error('rolled back on purpose');
        })
        .then(
          () => 'committed',
          (e: unknown) => (e instanceof Error ? e.message : String(e)),
        ),
    );
    return { begun, end, done };
  }

  it('a save answered while another transaction is open survives that transaction’s rollback', async () => {
    const other = await createArchitecture(owner, { name: 'Other', document: templateDocument('lenet5') });
    const mine = await createArchitecture(owner, { name: 'Mine', document: templateDocument('lenet5') });
    const tx = transactionRolledBackLater(other.id);
    await tx.begun;
    const save = updateArchitecture(mine.id, owner, { name: 'Saved', document: templateDocument('lenet5'), version: 1 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    tx.end();
    expect(await tx.done).toBe('rolled back on purpose');
    expect(await save).toEqual({ status: 'ok', version: 2 });
    const db = await getDb();
    expect(await db.architecture.findUnique({ where: { id: mine.id }, select: { name: true, version: true } })).toEqual({ name: 'Saved', version: 2 });
    expect(await db.architecture.findUnique({ where: { id: other.id }, select: { name: true } })).toEqual({ name: 'Other' });
  });

  it('stores a weights upload that arrives while another transaction is open', async () => {
    const other = await createArchitecture(owner, { name: 'Other 2', document: templateDocument('lenet5') });
    const { id } = await createArchitecture(owner, { name: 'With weights', document: templateDocument('lenet5') });
    const run = await newRun(id);
    if (run.status !== 'ok') throw new Error(run.status);
    const data = new Uint8Array(4 * 1024).map((_, k) => k % 251);
    const tx = transactionRolledBackLater(other.id);
    await tx.begun;
    const upload = saveRunWeights(run.id, owner, { specs: [{ name: 'w', shape: [1024], dtype: 'float32' }], data });
    await new Promise((resolve) => setTimeout(resolve, 20));
    tx.end();
    expect(await tx.done).toBe('rolled back on purpose');
    expect(await upload).toEqual({ status: 'ok' });
    const stored = await loadRunWeights(run.id, owner);
    expect(stored.status === 'ok' && Array.from(stored.data)).toEqual(Array.from(data));
  });
});

describe(`a busy instance still looks at its sockets (${temp.engine})`, () => {
  // Node accepts one new connection per turn of its event loop. When a
  // request's statements all ran within one turn (SQLite works synchronously),
  // 50 writes in flight kept a new connection waiting for seconds.
  it('accepts a new connection while 30 epoch writes are in flight, before they have finished', async () => {
    const { id } = await createArchitecture(owner, { name: 'Busy', document: templateDocument('lenet5') });
    const run = await newRun(id);
    if (run.status !== 'ok') throw new Error(run.status);
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    let finished = 0;
    const accepted = new Promise<number>((resolve) =>
      server.once('connection', (socket) => {
        resolve(finished);
        socket.destroy();
      }),
    );
    const writes = Array.from({ length: 30 }, (_, epoch) => appendEpoch(run.id, owner, metrics(epoch, 0.5)).then(() => finished++));
    const client = net.connect(port, '127.0.0.1');
    client.on('error', () => {});
    try {
      const finishedWhenAccepted = await accepted;
      await Promise.all(writes);
      expect(finished).toBe(30);
      expect(finishedWhenAccepted).toBeLessThan(10);
    } finally {
      client.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
