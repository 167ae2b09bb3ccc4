import { describe, expect, it } from 'vitest';
import type { CreateRunBody, EpochMetrics } from '../../schema/run';
import { RunRecorder, type RunSyncState, type RunsApi } from './recorder';
import { tinyCnn } from '../testing';

const body: CreateRunBody = {
  document: tinyCnn(4),
  dataset: { name: 'Stripes', hash: 'h', shape: [8, 8, 1], classNames: ['a', 'b', 'c', 'd'], trainCount: 200, testCount: 40 },
  hyperparameters: { optimizer: 'adam', learningRate: 0.01, batchSize: 10, epochs: 2, validationSplit: 0.2, shuffle: true, seed: 1 },
  backend: 'cpu',
};
const metrics = (epoch: number): EpochMetrics => ({ epoch, loss: 1, accuracy: 0.5, valLoss: 1, valAccuracy: 0.5, durationMs: 10, samplesPerSec: 100 });

function fakeApi(createOk = true) {
  const calls: string[] = [];
  let release: () => void = () => {};
  const gate = new Promise<void>((r) => (release = r));
  const api: RunsApi = {
    createRun: async () => {
      await gate;
      calls.push('create');
      return createOk ? { ok: true, data: { id: 'run1' } } : { ok: false, status: 403, error: 'not your architecture' };
    },
    appendEpoch: async (id, m) => {
      calls.push(`epoch ${id} ${m.epoch}`);
      return { ok: true, data: null };
    },
    updateRun: async (id, patch) => {
      calls.push(`update ${id} ${JSON.stringify(patch)}`);
      return { ok: false, status: 400, error: 'bad patch' };
    },
    saveRunWeights: async () => ({ ok: true, data: null }),
    loadRunWeights: async () => ({ ok: false, status: 404, error: 'none' }),
  };
  return { api, calls, release };
}

describe('RunRecorder', () => {
  it('writes epochs only after the run exists, in order, even when they arrive before the server answers', async () => {
    const { api, calls, release } = fakeApi();
    const errors: string[] = [];
    const r = new RunRecorder(api, 'arch', (e) => void errors.push(e));
    r.create(body);
    r.epoch(metrics(0));
    r.epoch(metrics(1));
    r.update({ status: 'completed' });
    release();
    await r.settled();
    expect(calls).toEqual(['create', 'epoch run1 0', 'epoch run1 1', 'update run1 {"status":"completed"}']);
    expect(errors).toEqual(['update: bad patch']);
  });

  it('reports a refused run and writes nothing more', async () => {
    const { api, calls, release } = fakeApi(false);
    const errors: string[] = [];
    const r = new RunRecorder(api, 'arch', (e) => void errors.push(e));
    r.create(body);
    r.epoch(metrics(0));
    release();
    await r.settled();
    expect(calls).toEqual(['create']);
    expect(errors).toEqual(['create: not your architecture']);
  });

  it('keeps what the server could not take, retries with backoff in order, and says how many epochs wait', async () => {
    // The server fails every call from the second epoch until "back" is set.
    let back = false;
    const stored: string[] = [];
    const api: RunsApi = {
      createRun: async () => (back || stored.length === 0 ? (stored.push('create'), { ok: true, data: { id: 'run1' } }) : { ok: false, status: 500, error: 'Internal error' }),
      appendEpoch: async (_id, m) => {
        if (m.epoch >= 1 && !back) return { ok: false, status: 500, error: 'Internal error' };
        stored.push(`epoch ${m.epoch}`);
        return { ok: true, data: null };
      },
      updateRun: async (_id, patch) => {
        if (!back) return { ok: false, status: 0, error: 'Could not reach the server' };
        stored.push(`update ${JSON.stringify(patch)}`);
        return { ok: true, data: {} as never };
      },
      saveRunWeights: async () => (back ? (stored.push('weights'), { ok: true, data: null }) : { ok: false, status: 503, error: 'Service unavailable' }),
      loadRunWeights: async () => ({ ok: false, status: 404, error: 'none' }),
    };
    const errors: string[] = [];
    const sync: RunSyncState[] = [];
    const waits: number[] = [];
    let weightsDone: string | null | undefined;
    const r = new RunRecorder(api, 'arch', (e) => void errors.push(e), () => {}, {
      onSync: (s) => void sync.push(s),
      backoffMs: (attempt) => {
        waits.push(attempt);
        if (attempt === 4) back = true;
        return 1;
      },
    });
    r.create(body);
    r.epoch(metrics(0));
    r.epoch(metrics(1));
    r.epoch(metrics(2));
    r.update({ heartbeat: true });
    r.update({ heartbeat: true });
    r.update({ status: 'completed' });
    r.weights({ weightSpecs: [{ name: 'w', shape: [1], dtype: 'float32' }], weightData: new Float32Array([1]).buffer }, (e) => (weightsDone = e));
    await r.settled();

    // Everything arrived, once, in the order it happened (the two heartbeats became one).
    expect(stored).toEqual(['create', 'epoch 0', 'epoch 1', 'epoch 2', 'update {"heartbeat":true}', 'update {"status":"completed"}', 'weights']);
    expect(errors).toEqual([]);
    expect(weightsDone).toBeNull();
    // Backoff grew attempt by attempt while the server was down.
    expect(waits).toEqual([1, 2, 3, 4]);
    // While it was down the page could say "2 epochs waiting" and why; at the end nothing waits.
    const waiting = sync.find((s) => s.retryAt !== null && s.epochsWaiting === 2)!;
    expect(waiting.epochsWaiting).toBe(2);
    expect(waiting.error).toBe('epoch 2: Internal error');
    expect(sync.at(-1)).toEqual({ epochsWaiting: 0, writesWaiting: 0, retryAt: null, error: null });
  });

  it('retries a run the server could not create, then writes its epochs to it', async () => {
    let fails = 2;
    const calls: string[] = [];
    const api: RunsApi = {
      createRun: async () => (fails-- > 0 ? { ok: false, status: 502, error: 'Bad gateway' } : (calls.push('create'), { ok: true, data: { id: 'run9' } })),
      appendEpoch: async (id, m) => (calls.push(`epoch ${id} ${m.epoch}`), { ok: true, data: null }),
      updateRun: async (id) => (calls.push(`update ${id}`), { ok: true, data: {} as never }),
      saveRunWeights: async () => ({ ok: true, data: null }),
      loadRunWeights: async () => ({ ok: false, status: 404, error: 'none' }),
    };
    const errors: string[] = [];
    const runIds: string[] = [];
    const r = new RunRecorder(api, 'arch', (e) => void errors.push(e), (id) => void runIds.push(id), { backoffMs: () => 1 });
    r.create(body);
    r.epoch(metrics(0));
    r.update({ heartbeat: true });
    await r.settled();
    expect(calls).toEqual(['create', 'epoch run9 0', 'update run9']);
    expect(runIds).toEqual(['run9']);
    expect(errors).toEqual([]);
  });

  it('a waiting write is tried again at once when asked, not at the end of its backoff', async () => {
    let back = false;
    const api: RunsApi = {
      createRun: async () => (back ? { ok: true, data: { id: 'run1' } } : { ok: false, status: 0, error: 'offline' }),
      appendEpoch: async () => ({ ok: true, data: null }),
      updateRun: async () => ({ ok: true, data: {} as never }),
      saveRunWeights: async () => ({ ok: true, data: null }),
      loadRunWeights: async () => ({ ok: false, status: 404, error: 'none' }),
    };
    let retrying = false;
    const r = new RunRecorder(api, 'arch', () => {}, () => {}, { backoffMs: () => 60_000, onSync: (s) => (retrying = s.retryAt !== null) });
    r.create(body);
    await expect.poll(() => retrying).toBe(true);
    back = true;
    r.retryNow();
    await r.settled();
    expect(r.runId).toBe('run1');
  });
});
