import { describe, expect, it } from 'vitest';
import type { ApiResult } from '../../api/client';
import type { TrainerClient } from './client';
import { defaultHyperparameters } from './hyperparameters';
import type { PrepareRequest, TrainerEvent, TrainerRequest } from '../protocol';
import { MeasurementCache } from './measurementCache';
import { TrainingSession } from './session';
import { tinyCnn } from '../testing';

/** Stands in for the worker: records requests, lets the test emit events. */
class FakeClient {
  requests: Array<TrainerRequest | Omit<PrepareRequest, 'type'>> = [];
  private listener: ((e: TrainerEvent) => void) | null = null;
  on(l: (e: TrainerEvent) => void) {
    this.listener = l;
    return () => {};
  }
  emit(e: TrainerEvent) {
    this.listener?.(e);
  }
  prepare(r: Omit<PrepareRequest, 'type'>) {
    this.requests.push(r);
  }
  send(r: TrainerRequest) {
    this.requests.push(r);
  }
  async exportWeights() {
    return { weightSpecs: [{ name: 'out/kernel', shape: [1], dtype: 'float32' as const }], weightData: new ArrayBuffer(4) };
  }
  async evaluate() {
    return { split: 'test' as const, count: 2, available: 2, accuracy: 0.5, confusion: [[1, 1], [0, 0]], perClass: [], examples: [] };
  }
  terminate() {}
}

function setup() {
  const calls: string[] = [];
  const ok = <T,>(data: T): Promise<ApiResult<T>> => Promise.resolve({ ok: true, data });
  const api = {
    createRun: (_a: string, body: { backend: string; backendMeasurements?: unknown[] }) => (
      calls.push(`create ${body.backend}${body.backendMeasurements?.length ? ` ${JSON.stringify(body.backendMeasurements)}` : ''}`), ok({ id: 'run1' })
    ),
    appendEpoch: (id: string, m: { epoch: number }) => (calls.push(`epoch ${id} ${m.epoch}`), ok(null)),
    updateRun: (id: string, patch: object) => (calls.push(`update ${id} ${JSON.stringify(patch)}`), ok({} as never)),
    saveRunWeights: (id: string) => (calls.push(`weights ${id}`), ok(null)),
    getRun: () => Promise.resolve({ ok: false as const, status: 404, error: 'no' }),
    loadRunWeights: () => Promise.resolve({ ok: false as const, status: 404, error: 'no' }),
  };
  const clients: FakeClient[] = [];
  const session = new TrainingSession(
    () => {
      const c = new FakeClient();
      clients.push(c);
      return c as unknown as TrainerClient;
    },
    api as never,
    new MeasurementCache(null),
  );
  return { session, calls, clients };
}

const ready: TrainerEvent = {
  type: 'ready',
  backend: 'webgl',
  backendNotes: ['webgpu: no adapter'],
  measurements: [],
  dataset: { id: 'd', name: 'D', hash: 'h', shape: [8, 8, 1], classNames: ['a', 'b'], trainCount: 10, testCount: 2 },
  trainImages: 8,
  validationImages: 2,
  epochsDone: 0,
};
const epoch = (e: number): TrainerEvent => ({
  type: 'epoch',
  metrics: { epoch: e, loss: 1, accuracy: 0.5, valLoss: 1, valAccuracy: 0.5, durationMs: 5, samplesPerSec: 100 },
  weights: { weightSpecs: [], weightData: new ArrayBuffer(0) },
});
const flush = () => new Promise((r) => setTimeout(r, 10));
const start = (session: TrainingSession, architectureId: string | null = 'arch') =>
  session.start({ document: tinyCnn(2), datasetId: 'd', hyperparameters: { ...defaultHyperparameters, epochs: 2 }, backend: 'auto', architectureId });

describe('TrainingSession', () => {
  it('creates the run with the backend actually used, writes each epoch, then the status and the weights', async () => {
    const { session, calls, clients } = setup();
    start(session);
    const client = clients[0]!;
    client.emit(ready);
    client.emit({ type: 'training', epochsPlanned: 2 });
    expect(session.getSnapshot()).toMatchObject({ phase: 'training', backend: 'webgl', backendNotes: ['webgpu: no adapter'] });
    client.emit(epoch(0));
    client.emit(epoch(1));
    client.emit({ type: 'finished', outcome: 'completed', epochsDone: 2 });
    await flush();
    expect(calls).toEqual(['create webgl', 'epoch run1 0', 'epoch run1 1', 'update run1 {"status":"completed"}', 'update run1 {"testAccuracy":0.5}', 'weights run1']);
    expect(session.getSnapshot()).toMatchObject({ phase: 'finished', outcome: 'completed', runId: 'run1', weights: { state: 'saved' }, evaluation: { accuracy: 0.5 } });
  });

  it("stores the autotune's measurements with the run and does not measure the same model again", async () => {
    const { session, calls, clients } = setup();
    start(session);
    const client = clients[0]!;
    client.emit({ type: 'loading', stage: 'measuring', progress: null });
    client.emit({ type: 'measurement', measurement: { backend: 'webgpu', samplesPerSec: 0, steps: 0, error: 'no adapter' } });
    client.emit({ type: 'measurement', measurement: { backend: 'wasm', samplesPerSec: 150, steps: 3 } });
    expect(session.getSnapshot().measurements.map((m) => m.backend)).toEqual(['webgpu', 'wasm']);
    const measurements = [
      { backend: 'webgpu' as const, samplesPerSec: 0, steps: 0, error: 'no adapter' },
      { backend: 'wasm' as const, samplesPerSec: 150, steps: 3 },
    ];
    client.emit({ ...ready, backend: 'wasm', measurements } as TrainerEvent);
    client.emit({ type: 'finished', outcome: 'stopped', epochsDone: 0 });
    await flush();
    // Stored as the runs API takes them (no step counts).
    expect(calls[0]).toBe('create wasm [{"backend":"webgpu","samplesPerSec":0,"error":"no adapter"},{"backend":"wasm","samplesPerSec":150}]');

    expect(session.getSnapshot().measuredAt).toBeNull();

    // The same model, data and batch size again: the worker gets the figures instead of measuring,
    // and the page says they were measured earlier.
    start(session);
    expect(client.requests.at(-1)).toMatchObject({ backend: 'auto', measurements });
    client.emit({ ...ready, backend: 'wasm', measurements } as TrainerEvent);
    expect(session.getSnapshot().measuredAt).toEqual(expect.any(Number));
    client.emit({ type: 'finished', outcome: 'stopped', epochsDone: 0 });
    // "Measure again" forgets them.
    session.forgetMeasurements();
    expect(session.getSnapshot().measuredAt).toBeNull();
    start(session);
    expect(client.requests.at(-1)).not.toHaveProperty('measurements');
    client.emit({ type: 'finished', outcome: 'stopped', epochsDone: 0 });
    // Another batch size is another measurement.
    session.start({ document: tinyCnn(2), datasetId: 'd', hyperparameters: { ...defaultHyperparameters, epochs: 2, batchSize: 64 }, backend: 'auto', architectureId: 'arch' });
    expect(client.requests.at(-1)).not.toHaveProperty('measurements');
  });

  it('keeps nothing on a shared page (no architecture id)', async () => {
    const { session, calls, clients } = setup();
    start(session, null);
    clients[0]!.emit(ready);
    clients[0]!.emit(epoch(0));
    clients[0]!.emit({ type: 'finished', outcome: 'stopped', epochsDone: 1 });
    await flush();
    expect(calls).toEqual([]);
  });

  it('marks a lost device as failed, then continues the same run on another backend from the last epoch', async () => {
    const { session, calls, clients } = setup();
    start(session);
    clients[0]!.emit(ready);
    clients[0]!.emit({ type: 'training', epochsPlanned: 2 });
    clients[0]!.emit(epoch(0));
    clients[0]!.emit({ type: 'failed', kind: 'deviceLost', error: 'WebGPU device lost' });
    await flush();
    expect(session.getSnapshot()).toMatchObject({ phase: 'failed', failure: { kind: 'deviceLost' }, epochs: [{ epoch: 0 }] });
    expect(session.canContinueElsewhere).toBe(true);

    session.continueOn('cpu');
    const second = clients[1]!;
    expect(second).toBeDefined();
    expect(second.requests[0]).toMatchObject({ backend: 'cpu', epochsDone: 1, epochs: 1, initialWeights: expect.anything() });
    second.emit({ ...ready, backend: 'cpu', epochsDone: 1 } as TrainerEvent);
    await flush();
    expect(calls).toContain('update run1 {"status":"failed","error":"WebGPU device lost"}');
    expect(calls.at(-1)).toBe('update run1 {"status":"running","backend":"cpu"}');
    expect(session.getSnapshot().epochs).toHaveLength(1);
  });

  it('“Train more” after a stop tells the server the run is running again, even with the plan unchanged', async () => {
    const { session, calls, clients } = setup();
    start(session);
    const client = clients[0]!;
    client.emit(ready);
    client.emit({ type: 'training', epochsPlanned: 2 });
    client.emit(epoch(0));
    client.emit({ type: 'finished', outcome: 'stopped', epochsDone: 1 });
    await flush();
    session.trainMore(1);
    // One more epoch after one done: the plan of 2 again.
    client.emit({ type: 'training', epochsPlanned: 2 });
    client.emit(epoch(1));
    client.emit({ type: 'finished', outcome: 'completed', epochsDone: 2 });
    await flush();
    const updates = calls.filter((c) => c.startsWith('update run1 {"status"'));
    expect(updates).toEqual([
      'update run1 {"status":"stopped"}',
      'update run1 {"status":"running","epochsPlanned":2}',
      'update run1 {"status":"completed"}',
    ]);
  });

  it('pause, resume and stop reach the worker only when they make sense', () => {
    const { session, clients } = setup();
    session.pause();
    start(session);
    const client = clients[0]!;
    client.emit(ready);
    client.emit({ type: 'training', epochsPlanned: 2 });
    session.pause();
    client.emit({ type: 'paused' });
    session.resume();
    session.stop();
    expect(client.requests.slice(1)).toEqual([{ type: 'pause' }, { type: 'resume' }, { type: 'stop' }]);
    expect(session.getSnapshot().phase).toBe('stopping');
  });

  it('Stop while loading or measuring ends the worker at once and returns to idle; the next start gets a fresh one', () => {
    const { session, clients } = setup();
    let terminated = 0;
    start(session);
    const client = clients[0]!;
    client.terminate = () => void terminated++;
    client.emit({ type: 'loading', stage: 'measuring', progress: null });
    session.stop();
    expect(terminated).toBe(1);
    expect(session.getSnapshot()).toMatchObject({ phase: 'idle', loading: null });
    expect(session.busy).toBe(false);
    start(session);
    expect(clients).toHaveLength(2);
  });

  it('replaces, once, a worker whose WebAssembly got fewer threads than it asked for, keeping what it measured', async () => {
    const { session, calls, clients } = setup();
    start(session);
    const measurements = [{ backend: 'wasm' as const, samplesPerSec: 0, steps: 0, untimed: true }];
    clients[0]!.emit({ ...ready, backend: 'wasm', threads: 1, threadsWanted: 2, measurements } as TrainerEvent);
    expect(clients).toHaveLength(2);
    // The fresh worker gets the same start with the figures, so it does not measure again; no run is created for the short one.
    expect(clients[1]!.requests[0]).toMatchObject({ backend: 'auto', measurements });
    expect(session.getSnapshot()).toMatchObject({ phase: 'loading', backend: null });
    // A second short pool is used as it is (the status line shows its thread count).
    clients[1]!.emit({ ...ready, backend: 'wasm', threads: 1, threadsWanted: 2, measurements } as TrainerEvent);
    expect(clients).toHaveLength(2);
    expect(session.getSnapshot()).toMatchObject({ backend: 'wasm', threads: 1 });
    expect(session.getSnapshot().backendNotes).toContain('wasm: started 1 of 2 threads, so a fresh worker was started');
    await flush();
    expect(calls.filter((c) => c.startsWith('create'))).toHaveLength(1);
  });

  it('keeps a worker whose WebAssembly got every thread it asked for', () => {
    const { session, clients } = setup();
    start(session);
    clients[0]!.emit({ ...ready, backend: 'wasm', threads: 2, threadsWanted: 2 } as TrainerEvent);
    expect(clients).toHaveLength(1);
    expect(session.getSnapshot()).toMatchObject({ backend: 'wasm', threads: 2 });
  });
});
