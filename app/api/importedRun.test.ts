// Weights that came with an imported model are stored as a run named
// "Imported weights", through the same runs + weights API a trained run uses;
// when storing them fails, the run is deleted again.
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { createTempDatabase } from '@/lib/db/testing';
import { TestBrowser } from '@/lib/api/testing';
import { Run, RunSummary, type CreateRunBody, type DatasetRef, type RunPatch, type RunWeights } from '@/lib/schema/run';
import { decodeWeights, encodeWeights } from '@/lib/api/weights';
import type { ApiResult } from '@/lib/api/client';
import { compileGraph } from '@/lib/compile';
import { IMPORTED_RUN_NAME, saveImportedRun, type ImportRunApi } from '@/lib/modelio/importRun';
import { templateDocument } from '@/lib/templates';
import { exportWeights } from '@/lib/train/worker/weights';
import { POST as createArch } from './architectures/route';
import { GET as listRuns, POST as createRun } from './architectures/[id]/runs/route';
import { DELETE as removeRun, GET as readRun, PATCH as patchRun } from './runs/[id]/route';
import { GET as getWeights, PUT as putWeights } from './runs/[id]/weights/route';

const temp = createTempDatabase();
afterAll(() => temp.cleanup());

const dataset: DatasetRef = { name: 'MNIST', hash: 'abc123', shape: [28, 28, 1], classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], trainCount: 8000, testCount: 2000 };

function reply<T>(r: { status: number; body: unknown }): ApiResult<T> {
  return r.status < 300 ? { ok: true, data: r.body as T } : { ok: false, status: r.status, error: (r.body as { error?: string } | null)?.error ?? String(r.status) };
}

/** The runs API as the page's client calls it, over the route handlers. */
function apiFor(browser: TestBrowser, failWeights = false): ImportRunApi {
  return {
    createRun: async (id: string, body: CreateRunBody) => reply(await browser.call(createRun, { method: 'POST', path: '/x', params: { id }, body })),
    updateRun: async (id: string, patch: RunPatch) => reply(await browser.call(patchRun, { method: 'PATCH', path: '/x', params: { id }, body: patch })),
    deleteRun: async (id: string) => reply(await browser.call(removeRun, { method: 'DELETE', path: '/x', params: { id } })),
    saveRunWeights: async (id: string, w: RunWeights) =>
      failWeights
        ? { ok: false, status: 413, error: 'too large' }
        : reply(await browser.call(putWeights, { method: 'PUT', path: '/x', params: { id }, raw: encodeWeights(w.weightSpecs, w.weightData) as BodyInit, headers: { 'content-type': 'application/octet-stream' } })),
    loadRunWeights: async () => ({ ok: false, status: 404, error: 'unused' }),
  };
}

async function setup() {
  const owner = new TestBrowser();
  const doc = templateDocument('dense-baseline');
  const arch = await owner.call(createArch, { method: 'POST', path: '/api/architectures', body: { name: 'Imported', document: doc } });
  const compiled = compileGraph(doc, { seed: 3 });
  if (!compiled.ok) throw new Error('no model');
  const weights = await exportWeights(compiled.model);
  compiled.model.dispose();
  return { owner, doc, weights, architectureId: (arch.body as { id: string }).id };
}

describe('imported weights as a run', () => {
  it('stores a completed run named "Imported weights" whose weights read back byte for byte', async () => {
    await tf.setBackend('cpu');
    const { owner, doc, weights, architectureId } = await setup();
    const saved = await saveImportedRun(apiFor(owner), architectureId, doc, weights, dataset);
    if (!saved.ok) throw new Error(saved.error);
    const listed = await owner.call(listRuns, { path: '/x', params: { id: architectureId } });
    const runs = (listed.body as { runs: unknown[] }).runs.map((r) => RunSummary.parse(r));
    expect(runs.map((r) => [r.name, r.status, r.dataset.hash])).toEqual([[IMPORTED_RUN_NAME, 'completed', 'abc123']]);
    const run = Run.parse((await owner.call(readRun, { path: '/x', params: { id: saved.runId } })).body);
    expect(run.hasWeights).toBe(true);
    const stored = await owner.call(getWeights, { path: '/x', params: { id: saved.runId } });
    const decoded = decodeWeights(stored.body as Uint8Array);
    if (!decoded.ok) throw new Error(decoded.message);
    expect(new Uint8Array(decoded.weightData)).toEqual(new Uint8Array(weights.weightData));
  });

  it('leaves no run behind when the weights cannot be stored', async () => {
    const { owner, doc, weights, architectureId } = await setup();
    const saved = await saveImportedRun(apiFor(owner, true), architectureId, doc, weights, dataset);
    expect(saved).toEqual({ ok: false, error: 'too large' });
    const listed = await owner.call(listRuns, { path: '/x', params: { id: architectureId } });
    expect((listed.body as { runs: unknown[] }).runs).toEqual([]);
  });

  it('refuses a run name over 100 characters with 400 naming the field', async () => {
    const { owner, doc, architectureId } = await setup();
    const body = { name: 'x'.repeat(101), document: doc, dataset, hyperparameters: { optimizer: 'adam', learningRate: 0.001, batchSize: 32, epochs: 1, validationSplit: 0.1, shuffle: true, seed: 42 }, backend: 'cpu' };
    const res = await owner.call(createRun, { method: 'POST', path: '/x', params: { id: architectureId }, body });
    expect(res.status).toBe(400);
    expect((res.body as { issues: { path: string; message: string }[] }).issues).toEqual([{ path: 'name', message: expect.stringContaining('100 characters') }]);
  });
});
