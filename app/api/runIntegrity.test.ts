// What a run accepts: metrics within their bounds, only the status changes
// lib/schema/runStates.ts allows (409 for the rest), weight specs with exactly
// tfjs's keys, and weight uploads refused before their bytes are read.
import { afterAll, describe, expect, it } from 'vitest';
import { createTempDatabase } from '@/lib/db/testing';
import { TestBrowser } from '@/lib/api/testing';
import { Run, type CreateRunBody, type EpochMetrics } from '@/lib/api/types';
import { encodeWeights, encodeWeightsJson } from '@/lib/api/weights';
import { templateDocument } from '@/lib/templates';
import { POST as createArch } from './architectures/route';
import { POST as createRun } from './architectures/[id]/runs/route';
import { GET as readRun, PATCH as patchRun } from './runs/[id]/route';
import { POST as postEpoch } from './runs/[id]/epochs/route';
import { GET as getWeights, PUT as putWeights } from './runs/[id]/weights/route';

const temp = createTempDatabase();
afterAll(() => temp.cleanup());

const runBody = (): CreateRunBody => ({
  document: templateDocument('dense-baseline'),
  dataset: { name: 'MNIST', hash: 'abc123', shape: [28, 28, 1], classNames: ['0', '1'], trainCount: 80, testCount: 20 },
  hyperparameters: { optimizer: 'adam', learningRate: 0.001, batchSize: 8, epochs: 3, validationSplit: 0.1, shuffle: true, seed: 42 },
  backend: 'cpu',
});

const epoch = (i: number, extra: Partial<EpochMetrics> = {}): EpochMetrics => ({
  epoch: i, loss: 0.5, accuracy: 0.8, valLoss: 0.6, valAccuracy: 0.75, durationMs: 1000, samplesPerSec: 250, ...extra,
});

async function setup() {
  const owner = new TestBrowser();
  const arch = await owner.call(createArch, { method: 'POST', path: '/api/architectures', body: { name: 'Net', document: { ...templateDocument('dense-baseline'), name: 'Net' } } });
  const architectureId = (arch.body as { id: string }).id;
  const created = await owner.call(createRun, { method: 'POST', path: '/x', params: { id: architectureId }, body: runBody() });
  expect(created.status).toBe(201);
  return { owner, architectureId, runId: (created.body as { id: string }).id };
}

const readAs = async (browser: TestBrowser, runId: string) => Run.parse((await browser.call(readRun, { path: '/x', params: { id: runId } })).body);
const patch = (browser: TestBrowser, runId: string, body: unknown) => browser.call(patchRun, { method: 'PATCH', path: '/x', params: { id: runId }, body });
const post = (browser: TestBrowser, runId: string, body: unknown) => browser.call(postEpoch, { method: 'POST', path: '/x', params: { id: runId }, body });

describe('epoch metrics', () => {
  it('refuses metrics out of their bounds with 400 naming the field, and stores nothing', async () => {
    const { owner, runId } = await setup();
    for (const [bad, field] of [
      [{ loss: -0.1 }, 'loss'],
      [{ accuracy: 7 }, 'accuracy'],
      [{ valAccuracy: 1e308 }, 'valAccuracy'],
      [{ valLoss: -1 }, 'valLoss'],
      [{ epoch: 1e9 }, 'epoch'],
      [{ durationMs: 1e300 }, 'durationMs'],
      [{ samplesPerSec: 1e300 }, 'samplesPerSec'],
    ] as const) {
      const res = await post(owner, runId, epoch(0, bad));
      expect(res.status, field).toBe(400);
      expect((res.body as { issues: { path: string }[] }).issues.map((i) => i.path), field).toEqual([field]);
    }
    expect(await readAs(owner, runId)).toMatchObject({ epochsDone: 0, bestValAccuracy: null, epochs: [] });
    // The bounds themselves are fine.
    expect((await post(owner, runId, epoch(0, { loss: 0, accuracy: 1, valAccuracy: 0 }))).status).toBe(201);
  });

  it('refuses an epoch past the run’s plan with 409, and takes it once “Train more” raised the plan', async () => {
    const { owner, runId } = await setup();
    const late = await post(owner, runId, epoch(3));
    expect(late.status).toBe(409);
    expect((late.body as { error: string }).error).toMatch(/epoch 3 .*plan of 3/);
    expect((await readAs(owner, runId)).epochsDone).toBe(0);
    expect((await patch(owner, runId, { status: 'running', epochsPlanned: 5 })).status).toBe(200);
    expect((await post(owner, runId, epoch(3))).status).toBe(201);
  });

  it('refuses a final test accuracy outside [0, 1] and a plan beyond 10,000 epochs', async () => {
    const { owner, runId } = await setup();
    expect((await patch(owner, runId, { testAccuracy: 1.5 })).status).toBe(400);
    expect((await patch(owner, runId, { epochsPlanned: 1e9 })).status).toBe(400);
    expect(await readAs(owner, runId)).toMatchObject({ testAccuracy: null, epochsPlanned: 3 });
  });
});

describe('run states', () => {
  it('refuses a finished run going back to running on its own, or to another finished state, with 409, changing nothing', async () => {
    const { owner, runId } = await setup();
    expect((await patch(owner, runId, { status: 'completed', testAccuracy: 0.9 })).status).toBe(200);
    for (const body of [{ status: 'running' }, { status: 'failed', error: 'late' }, { status: 'stopped' }]) {
      const res = await patch(owner, runId, body);
      expect(res.status, body.status).toBe(409);
      expect((res.body as { error: string }).error, body.status).toMatch(/This run is completed/);
    }
    expect(await readAs(owner, runId)).toMatchObject({ status: 'completed', error: null, testAccuracy: 0.9 });

    const failed = await setup();
    expect((await patch(failed.owner, failed.runId, { status: 'failed', error: 'Out of memory' })).status).toBe(200);
    expect((await patch(failed.owner, failed.runId, { status: 'completed' })).status).toBe(409);
    expect(await readAs(failed.owner, failed.runId)).toMatchObject({ status: 'failed', error: 'Out of memory' });
  });

  it('lets a finished run train further: “Train more” raises the plan, “Continue on” names a backend', async () => {
    const { owner, runId } = await setup();
    for (const i of [0, 1, 2]) await post(owner, runId, epoch(i));
    await patch(owner, runId, { status: 'completed' });
    // A plan no larger than what is done is not training further.
    expect((await patch(owner, runId, { status: 'running', epochsPlanned: 3 })).status).toBe(409);
    const more = await patch(owner, runId, { status: 'running', epochsPlanned: 5 });
    expect(more.status).toBe(200);
    expect(more.body).toMatchObject({ status: 'running', epochsPlanned: 5, finishedAt: null });

    await patch(owner, runId, { status: 'failed', error: 'Device lost' });
    const moved = await patch(owner, runId, { status: 'running', backend: 'wasm' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ status: 'running', backend: 'wasm' });
  });

  it('takes a retried finish and heartbeats on a finished run without changing its state', async () => {
    const { owner, runId } = await setup();
    await patch(owner, runId, { status: 'stopped' });
    expect((await patch(owner, runId, { status: 'stopped' })).status).toBe(200);
    expect((await patch(owner, runId, { heartbeat: true })).status).toBe(200);
    expect((await readAs(owner, runId)).status).toBe('stopped');
  });
});

describe('weight specs', () => {
  it('refuses specs with keys tfjs does not have (nothing stored, nothing served back)', async () => {
    const { owner, runId } = await setup();
    const data = new Float32Array([1, 2]).buffer;
    for (const specs of [
      [{ name: 'w', shape: [2], dtype: 'float32', junk: 'x'.repeat(100_000) }],
      [{ name: 'w', shape: [2], dtype: 'float32', quantization: { dtype: 'uint8', scale: 1, extra: true } }],
      [{ name: 'w', shape: [2], dtype: 'float32', group: 'anything' }],
    ]) {
      const res = await owner.call(putWeights, { method: 'PUT', path: '/x', params: { id: runId }, raw: encodeWeightsJson(JSON.stringify(specs), new Uint8Array(data)) });
      expect(res.status).toBe(400);
      expect((res.body as { error: string }).error).toMatch(/^Weights are malformed: weight specs: 0(\.quantization|\.group)?: (Unrecognized key: "(junk|extra)"|Invalid option)/);
    }
    expect((await owner.call(getWeights, { path: '/x', params: { id: runId } })).status).toBe(404);
    const good = await owner.call(putWeights, {
      method: 'PUT',
      path: '/x',
      params: { id: runId },
      raw: encodeWeights([{ name: 'w', shape: [2], dtype: 'float32', group: 'model' }], data),
    });
    expect(good.status).toBe(204);
  });
});

describe('weights upload', () => {
  /** A 60 MiB body that counts how many of its 1 MiB chunks the server pulled. */
  function countingBody() {
    const counter = { chunksRead: 0 };
    const chunk = new Uint8Array(1024 * 1024);
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          counter.chunksRead++;
          if (counter.chunksRead > 60) controller.close();
          else controller.enqueue(chunk);
        },
      },
      { highWaterMark: 0 },
    );
    return { stream, counter };
  }

  it('refuses an upload to an unknown run, someone else’s, or without an owner cookie before reading its body', async () => {
    const { runId } = await setup();
    const other = new TestBrowser();
    await other.call(createArch, { method: 'POST', path: '/api/architectures', body: { name: 'Theirs', document: { ...templateDocument('dense-baseline'), name: 'Theirs' } } });
    for (const [browser, id, status] of [
      [new TestBrowser(), 'madeUpRunId', 404],
      [other, 'madeUpRunId', 404],
      [other, runId, 403],
      [new TestBrowser(), runId, 401],
    ] as const) {
      const { stream, counter } = countingBody();
      const res = await browser.call(putWeights, { method: 'PUT', path: '/x', params: { id }, raw: stream, headers: { 'content-type': 'application/octet-stream' } });
      expect(res.status, `${id} ${status}`).toBe(status);
      expect(counter.chunksRead, `${id} ${status}`).toBe(0);
    }
  });

  it('refuses a declared length over 64 MiB with 413 before anything else, and a body that does not match its Content-Length with 400', async () => {
    const { owner, runId } = await setup();
    const { stream, counter } = countingBody();
    const big = await new TestBrowser().call(putWeights, {
      method: 'PUT',
      path: '/x',
      params: { id: 'madeUpRunId' },
      raw: stream,
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(64 * 1024 * 1024 + 1) },
    });
    expect(big.status).toBe(413);
    expect(counter.chunksRead).toBe(0);

    const body = encodeWeights([{ name: 'w', shape: [4], dtype: 'float32' }], new Float32Array([1, 2, 3, 4]).buffer);
    const short = await owner.call(putWeights, { method: 'PUT', path: '/x', params: { id: runId }, raw: body, headers: { 'content-type': 'application/octet-stream', 'content-length': String(body.byteLength + 10) } });
    expect(short.status).toBe(400);
    expect((short.body as { error: string }).error).toMatch(/ended after \d+ of the \d+ bytes/);
    const long = await owner.call(putWeights, { method: 'PUT', path: '/x', params: { id: runId }, raw: body, headers: { 'content-type': 'application/octet-stream', 'content-length': String(body.byteLength - 1) } });
    expect(long.status).toBe(400);
    const exact = await owner.call(putWeights, { method: 'PUT', path: '/x', params: { id: runId }, raw: body, headers: { 'content-type': 'application/octet-stream', 'content-length': String(body.byteLength) } });
    expect(exact.status).toBe(204);
    expect((await readAs(owner, runId)).hasWeights).toBe(true);
  });
});
