// Runs of an architecture: created, fed epochs, finished, interrupted,
// weights saved and loaded; only the architecture's owner may touch them.
import { afterAll, describe, expect, it } from 'vitest';
import { createTempDatabase } from '@/lib/db/testing';
import { getDb } from '@/lib/db/client';
import { TestBrowser } from '@/lib/api/testing';
import { Run, RunSummary, type CreateRunBody, type EpochMetrics } from '@/lib/api/types';
import { HYPERPARAMETER_LIMITS } from '@/lib/schema/run';
import { decodeWeights, encodeWeights } from '@/lib/api/weights';
import { templateDocument } from '@/lib/templates';
import { POST as createArch, GET as listArchs } from './architectures/route';
import { DELETE as removeArch } from './architectures/[id]/route';
import { GET as listRuns, POST as createRun } from './architectures/[id]/runs/route';
import { DELETE as removeRun, GET as readRun, PATCH as patchRun } from './runs/[id]/route';
import { POST as postEpoch } from './runs/[id]/epochs/route';
import { GET as getWeights, PUT as putWeights } from './runs/[id]/weights/route';

const temp = createTempDatabase();
afterAll(() => temp.cleanup());

const runBody = (): CreateRunBody => ({
  document: templateDocument('dense-baseline'),
  dataset: { name: 'MNIST', hash: 'abc123', shape: [28, 28, 1], classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], trainCount: 8000, testCount: 2000 },
  hyperparameters: { optimizer: 'adam', learningRate: 0.001, batchSize: 32, epochs: 3, validationSplit: 0.1, shuffle: true, seed: 42 },
  backend: 'cpu',
  backendMeasurements: [{ backend: 'cpu', samplesPerSec: 120 }, { backend: 'webgpu', samplesPerSec: 0, error: 'no adapter' }],
});

const epoch = (i: number, valAccuracy: number): EpochMetrics => ({
  epoch: i, loss: 1 / (i + 1), accuracy: 0.5 + i / 10, valLoss: 1.2 / (i + 1), valAccuracy, durationMs: 1000, samplesPerSec: 250,
});

async function setup() {
  const owner = new TestBrowser();
  const arch = await owner.call(createArch, { method: 'POST', path: '/api/architectures', body: { name: 'Net', document: { ...templateDocument('dense-baseline'), name: 'Net' } } });
  const architectureId = (arch.body as { id: string }).id;
  const created = await owner.call(createRun, { method: 'POST', path: `/api/architectures/${architectureId}/runs`, params: { id: architectureId }, body: runBody() });
  expect(created.status).toBe(201);
  const runId = (created.body as { id: string }).id;
  return { owner, architectureId, runId };
}

const readAs = async (browser: TestBrowser, runId: string) => browser.call(readRun, { path: `/api/runs/${runId}`, params: { id: runId } });

describe('runs', () => {
  it('creates a running run that lists with its dataset, backend and plan', async () => {
    const { owner, architectureId, runId } = await setup();
    const res = await owner.call(listRuns, { path: `/api/architectures/${architectureId}/runs`, params: { id: architectureId } });
    expect(res.status).toBe(200);
    const runs = (res.body as { runs: unknown[] }).runs.map((r) => RunSummary.parse(r));
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ id: runId, status: 'running', backend: 'cpu', epochsDone: 0, epochsPlanned: 3, bestValAccuracy: null, finishedAt: null });
    expect(runs[0]!.dataset).toEqual(runBody().dataset);
    expect(runs[0]!.hyperparameters).toEqual(runBody().hyperparameters);
  });

  it('appends epochs (re-sending an epoch replaces it) and tracks the best validation accuracy', async () => {
    const { owner, runId } = await setup();
    for (const e of [epoch(0, 0.6), epoch(1, 0.8), epoch(1, 0.7), epoch(2, 0.75)]) {
      const res = await owner.call(postEpoch, { method: 'POST', path: `/api/runs/${runId}/epochs`, params: { id: runId }, body: e });
      expect(res.status).toBe(201);
    }
    const run = Run.parse((await readAs(owner, runId)).body);
    expect(run.epochs.map((e) => [e.epoch, e.valAccuracy])).toEqual([[0, 0.6], [1, 0.7], [2, 0.75]]);
    expect(run.epochsDone).toBe(3);
    expect(run.bestValAccuracy).toBe(0.75);
    expect(run.backendMeasurements).toEqual(runBody().backendMeasurements);
    expect(run.document.nodes.length).toBe(templateDocument('dense-baseline').nodes.length);
    expect(run.hasWeights).toBe(false);
  });

  it('refuses malformed epochs and patches with 400 naming the field', async () => {
    const { owner, runId } = await setup();
    const bad = await owner.call(postEpoch, { method: 'POST', path: `/api/runs/${runId}/epochs`, params: { id: runId }, body: { ...epoch(0, 0.5), epoch: -1 } });
    expect(bad.status).toBe(400);
    expect((bad.body as { issues: { path: string }[] }).issues.map((i) => i.path)).toContain('epoch');
    const patch = await owner.call(patchRun, { method: 'PATCH', path: `/api/runs/${runId}`, params: { id: runId }, body: { status: 'exploded' } });
    expect(patch.status).toBe(400);
    const long = await owner.call(patchRun, { method: 'PATCH', path: `/api/runs/${runId}`, params: { id: runId }, body: { status: 'failed', error: 'x'.repeat(2001) } });
    expect(long.status).toBe(400);
    expect(Run.parse((await readAs(owner, runId)).body).status).toBe('running');
  });

  it('finishes a run with its test accuracy and keeps a finished duration', async () => {
    const { owner, runId } = await setup();
    const res = await owner.call(patchRun, { method: 'PATCH', path: `/api/runs/${runId}`, params: { id: runId }, body: { status: 'completed', testAccuracy: 0.91 } });
    expect(res.status).toBe(200);
    const summary = RunSummary.parse(res.body);
    expect(summary).toMatchObject({ status: 'completed', testAccuracy: 0.91 });
    expect(summary.finishedAt).not.toBeNull();
    // A retried finish keeps the moment the run first ended.
    const again = await owner.call(patchRun, { method: 'PATCH', path: `/api/runs/${runId}`, params: { id: runId }, body: { status: 'completed', error: 'note' } });
    expect(RunSummary.parse(again.body).finishedAt).toBe(summary.finishedAt);
    expect(Run.parse((await readAs(owner, runId)).body).error).toBe('note');
  });

  it('shows a running run whose tab went silent for over a minute as interrupted, and a heartbeat or an epoch revives it', async () => {
    const { owner, runId, architectureId } = await setup();
    const db = await getDb();
    await db.run.update({ where: { id: runId }, data: { lastHeartbeatAt: new Date(Date.now() - 61_000) } });
    expect(Run.parse((await readAs(owner, runId)).body).status).toBe('interrupted');
    const listed = await owner.call(listRuns, { path: `/api/architectures/${architectureId}/runs`, params: { id: architectureId } });
    expect((listed.body as { runs: { status: string }[] }).runs[0]!.status).toBe('interrupted');

    await db.run.update({ where: { id: runId }, data: { lastHeartbeatAt: new Date(Date.now() - 30_000) } });
    expect(Run.parse((await readAs(owner, runId)).body).status).toBe('running');

    await db.run.update({ where: { id: runId }, data: { lastHeartbeatAt: new Date(Date.now() - 120_000) } });
    const beat = await owner.call(patchRun, { method: 'PATCH', path: `/api/runs/${runId}`, params: { id: runId }, body: { heartbeat: true } });
    expect(RunSummary.parse(beat.body).status).toBe('running');

    // An epoch is a sign of life too.
    await db.run.update({ where: { id: runId }, data: { lastHeartbeatAt: new Date(Date.now() - 120_000) } });
    expect(Run.parse((await readAs(owner, runId)).body).status).toBe('interrupted');
    const before = Date.now();
    expect((await owner.call(postEpoch, { method: 'POST', path: `/api/runs/${runId}/epochs`, params: { id: runId }, body: epoch(0, 0.5) })).status).toBeLessThan(300);
    expect(Run.parse((await readAs(owner, runId)).body).status).toBe('running');
    const stored = await db.run.findUnique({ where: { id: runId }, select: { lastHeartbeatAt: true } });
    expect(stored!.lastHeartbeatAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(stored!.lastHeartbeatAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);

    // A finished run is never interrupted, however old.
    await owner.call(patchRun, { method: 'PATCH', path: `/api/runs/${runId}`, params: { id: runId }, body: { status: 'stopped' } });
    await db.run.update({ where: { id: runId }, data: { lastHeartbeatAt: new Date(Date.now() - 600_000) } });
    expect(Run.parse((await readAs(owner, runId)).body).status).toBe('stopped');
  });

  it('counts runs and the best validation accuracy in the owner’s architecture list', async () => {
    const { owner, runId, architectureId } = await setup();
    await owner.call(postEpoch, { method: 'POST', path: `/api/runs/${runId}/epochs`, params: { id: runId }, body: epoch(0, 0.42) });
    await owner.call(createRun, { method: 'POST', path: `/api/architectures/${architectureId}/runs`, params: { id: architectureId }, body: runBody() });
    const res = await owner.call(listArchs, { path: '/api/architectures' });
    expect((res.body as { architectures: unknown[] }).architectures).toEqual([expect.objectContaining({ id: architectureId, runCount: 2, bestValAccuracy: 0.42 })]);
  });

  it('saves and loads weights byte for byte; 404 before any are saved; 413 over 64 MiB', async () => {
    const { owner, runId } = await setup();
    expect((await owner.call(getWeights, { path: `/api/runs/${runId}/weights`, params: { id: runId } })).status).toBe(404);

    const values = new Float32Array([0.5, -1.25, 3, 4, 5, 6, 7, 8]);
    const specs = [
      { name: 'dense/kernel', shape: [2, 3], dtype: 'float32' as const },
      { name: 'dense/bias', shape: [2], dtype: 'float32' as const },
    ];
    const body = encodeWeights(specs, values.buffer);
    const put = await owner.call(putWeights, { method: 'PUT', path: `/api/runs/${runId}/weights`, params: { id: runId }, raw: body, headers: { 'content-type': 'application/octet-stream' } });
    expect(put.status).toBe(204);
    const got = await owner.call(getWeights, { path: `/api/runs/${runId}/weights`, params: { id: runId } });
    expect(got.status).toBe(200);
    const decoded = decodeWeights(got.body as Uint8Array);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.weightSpecs).toEqual(specs);
    expect(Array.from(new Float32Array(decoded.weightData))).toEqual(Array.from(values));
    expect(Run.parse((await readAs(owner, runId)).body).hasWeights).toBe(true);

    const mismatch = encodeWeights(specs, new Float32Array(3).buffer);
    const bad = await owner.call(putWeights, { method: 'PUT', path: `/api/runs/${runId}/weights`, params: { id: runId }, raw: mismatch });
    expect(bad.status).toBe(400);
    expect((bad.body as { error: string }).error).toMatch(/describe 32 bytes, got 12/);

    const huge = new Uint8Array(64 * 1024 * 1024 + 1);
    const tooBig = await owner.call(putWeights, { method: 'PUT', path: `/api/runs/${runId}/weights`, params: { id: runId }, raw: huge });
    expect(tooBig.status).toBe(413);
    // The earlier weights are still there.
    const still = decodeWeights((await owner.call(getWeights, { path: `/api/runs/${runId}/weights`, params: { id: runId } })).body as Uint8Array);
    expect(still.ok && still.weightData.byteLength).toBe(32);
  });

  it('lets nobody but the architecture’s owner create, read, update, delete or download runs', async () => {
    const { owner, runId, architectureId } = await setup();
    const other = new TestBrowser();
    await other.call(createArch, { method: 'POST', path: '/api/architectures', body: { name: 'Theirs', document: { ...templateDocument('dense-baseline'), name: 'Theirs' } } });
    const attempts = [
      () => other.call(createRun, { method: 'POST', path: '/x', params: { id: architectureId }, body: runBody() }),
      () => other.call(listRuns, { path: '/x', params: { id: architectureId } }),
      () => other.call(readRun, { path: '/x', params: { id: runId } }),
      () => other.call(patchRun, { method: 'PATCH', path: '/x', params: { id: runId }, body: { status: 'failed' } }),
      () => other.call(postEpoch, { method: 'POST', path: '/x', params: { id: runId }, body: epoch(0, 1) }),
      () => other.call(getWeights, { path: '/x', params: { id: runId } }),
      () => other.call(putWeights, { method: 'PUT', path: '/x', params: { id: runId }, raw: encodeWeights([], new ArrayBuffer(0)) }),
      () => other.call(removeRun, { method: 'DELETE', path: '/x', params: { id: runId } }),
    ];
    for (const attempt of attempts) {
      const res = await attempt();
      expect(res.status).toBe(403);
      expect(JSON.stringify(res.body)).not.toMatch(/\.ts:\d+|Prisma/);
    }
    const run = Run.parse((await readAs(owner, runId)).body);
    expect(run).toMatchObject({ status: 'running', epochsDone: 0, hasWeights: false });
    const unknown = await owner.call(readRun, { path: '/x', params: { id: 'doesNotExist' } });
    expect(unknown.status).toBe(404);
  });

  it('refuses hyperparameters past the training form’s limits with 400 naming the field, and creates no run', async () => {
    const { owner, architectureId } = await setup();
    const before = (await owner.call(listRuns, { path: '/x', params: { id: architectureId } })).body as { runs: unknown[] };
    // The form's cap (lib/schema/run.ts) is the API's: one over it is refused.
    const over = HYPERPARAMETER_LIMITS.batchSize.max + 1;
    for (const hyperparameters of [
      { ...runBody().hyperparameters, batchSize: over },
      { ...runBody().hyperparameters, validationSplit: 0.9 },
    ]) {
      const res = await owner.call(createRun, { method: 'POST', path: '/x', params: { id: architectureId }, body: { ...runBody(), hyperparameters } });
      expect(res.status).toBe(400);
      const issues = (res.body as { issues: { path: string; message: string }[] }).issues;
      const field = hyperparameters.batchSize === over ? 'batchSize' : 'validationSplit';
      expect(issues.map((i) => i.path)).toEqual([`hyperparameters.${field}`]);
      expect(issues[0]!.message).toMatch(field === 'batchSize' ? /\[1, 4096\], got 4097/ : /\[0, 0\.5\], got 0\.9/);
    }
    const atCap = await owner.call(createRun, { method: 'POST', path: '/x', params: { id: architectureId }, body: { ...runBody(), hyperparameters: { ...runBody().hyperparameters, batchSize: HYPERPARAMETER_LIMITS.batchSize.max } } });
    expect(atCap.status).toBe(201);
    const after = (await owner.call(listRuns, { path: '/x', params: { id: architectureId } })).body as { runs: unknown[] };
    expect(after.runs).toHaveLength(before.runs.length + 1);
  });

  it('still reads a run stored before the API held hyperparameters to the form’s limits', async () => {
    const { owner, runId, architectureId } = await setup();
    // What the API accepted then: any batch size, a learning rate above 10, a seed below 0.
    const old = { optimizer: 'sgd', learningRate: 20, batchSize: 8192, epochs: 3, validationSplit: 0.75, shuffle: false, seed: -5 };
    const db = await getDb();
    await db.run.update({ where: { id: runId }, data: { hyperparameters: JSON.stringify(old) } });
    const read = await readAs(owner, runId);
    expect(read.status).toBe(200);
    expect(Run.parse(read.body).hyperparameters).toEqual(old);
    const listed = await owner.call(listRuns, { path: '/x', params: { id: architectureId } });
    expect(RunSummary.parse((listed.body as { runs: unknown[] }).runs[0]).hyperparameters).toEqual(old);
  });

  it('refuses a run whose architecture snapshot fails the schema with 422', async () => {
    const { owner, architectureId } = await setup();
    const body = runBody();
    (body.document.nodes[2]!.params as { units: number }).units = 0;
    const res = await owner.call(createRun, { method: 'POST', path: '/x', params: { id: architectureId }, body });
    expect(res.status).toBe(422);
    expect((res.body as { issues: { path: string }[] }).issues.map((i) => i.path)).toContain('nodes[2].params.units');
  });

  it('deletes a run, and deleting an architecture deletes its runs', async () => {
    const { owner, runId, architectureId } = await setup();
    expect((await owner.call(removeRun, { method: 'DELETE', path: '/x', params: { id: runId } })).status).toBe(204);
    expect((await readAs(owner, runId)).status).toBe(404);
    const second = await owner.call(createRun, { method: 'POST', path: '/x', params: { id: architectureId }, body: runBody() });
    const secondId = (second.body as { id: string }).id;
    await owner.call(removeArch, { method: 'DELETE', path: '/x', params: { id: architectureId } });
    expect((await readAs(owner, secondId)).status).toBe(404);
  });
});
