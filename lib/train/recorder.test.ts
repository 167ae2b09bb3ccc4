import { describe, expect, it } from 'vitest';
import type { CreateRunBody, EpochMetrics } from '../api/types';
import { RunRecorder, type RunsApi } from './recorder';
import { tinyCnn } from './testing';

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
      return { ok: false, status: 500, error: 'db down' };
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
    expect(errors).toEqual(['update: db down']);
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
});
