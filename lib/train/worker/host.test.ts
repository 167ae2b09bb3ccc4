import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../data/types';
import { defaultHyperparameters } from '../page/hyperparameters';
import { autotune, type BackendMeasurement } from './autotune';
import type { BackendChoice } from '../backendNames';
import { MEASURE_BATCH, TrainerHost, type HostDeps } from './host';
import type { PrepareRequest, TrainerEvent } from '../protocol';
import { stripesDataset, tinyCnn } from '../testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function dataset(): Dataset {
  const train = stripesDataset(200, 4, 1);
  const test = stripesDataset(40, 4, 7);
  return {
    id: 'stripes',
    name: 'Stripes',
    source: 'imported',
    shape: [8, 8, 1],
    classNames: ['a', 'b', 'c', 'd'],
    train: { images: train.images, labels: train.labels, count: train.count },
    test: { images: test.images, labels: test.labels, count: test.count },
    hash: 'h',
  };
}

function harness(overrides: Partial<HostDeps> = {}) {
  const events: TrainerEvent[] = [];
  let failDevice: ((kind: 'deviceLost' | 'outOfMemory', message: string) => void) | null = null;
  const host = new TrainerHost((e) => void events.push(e), {
    loadDataset: async (_id, progress) => {
      progress(1);
      return dataset();
    },
    activateBackend: async () => ({ ok: true, backend: 'cpu', notes: ['webgpu: no adapter'] }),
    watchDevice: (onFailure) => {
      failDevice = onFailure;
      return () => {};
    },
    ...overrides,
  });
  return { host, events, loseDevice: (m: string) => failDevice?.('deviceLost', m) };
}

const prepare = (epochs: number, over: Partial<PrepareRequest> = {}): PrepareRequest => ({
  type: 'prepare',
  document: tinyCnn(4),
  datasetId: 'stripes',
  hyperparameters: { ...defaultHyperparameters, learningRate: 0.01, batchSize: 10, validationSplit: 0.2 },
  backend: 'auto',
  epochs,
  ...over,
});

describe('TrainerHost (the worker, driven by messages)', () => {
  it('names the backend used, trains, snapshots weights per epoch and evaluates with a confusion matrix', async () => {
    const { host, events } = harness();
    await host.handle(prepare(2));
    const ready = events.find((e) => e.type === 'ready');
    expect(ready).toMatchObject({ backend: 'cpu', backendNotes: ['webgpu: no adapter'], trainImages: 160, validationImages: 40 });
    const epochs = events.filter((e) => e.type === 'epoch');
    expect(epochs.map((e) => e.type === 'epoch' && e.metrics.epoch)).toEqual([0, 1]);
    expect(epochs.every((e) => e.type === 'epoch' && e.weights && e.weights.weightData.byteLength > 0)).toBe(true);
    expect(events.at(-1)).toEqual({ type: 'finished', outcome: 'completed', epochsDone: 2 });

    await host.handle({ type: 'evaluate', requestId: 1 });
    const evaluation = events.at(-1);
    if (evaluation?.type !== 'evaluation') throw new Error(`expected an evaluation, got ${JSON.stringify(evaluation)}`);
    const { confusion, accuracy, count, examples } = evaluation.evaluation;
    expect(count).toBe(40);
    expect(confusion.flat().reduce((a, b) => a + b, 0)).toBe(40);
    expect(accuracy).toBeCloseTo(confusion.reduce((sum, row, i) => sum + row[i]!, 0) / 40, 10);
    // Every example listed in an off-diagonal cell really is of that actual class.
    const test = dataset().test!;
    examples.forEach((row, actual) => row.forEach((cell) => cell.forEach((index) => expect(test.labels[index]).toBe(actual))));

    await host.handle({ type: 'examples', requestId: 2, split: 'test', indices: [0, 5] });
    const ex = events.at(-1);
    expect(ex).toMatchObject({ type: 'examples', shape: [8, 8, 1], labels: [test.labels[0], test.labels[5]] });
    if (ex?.type === 'examples') expect(Array.from(ex.images.subarray(64, 128))).toEqual(Array.from(test.images.subarray(5 * 64, 6 * 64)));

    await host.handle({ type: 'predict', requestId: 3, pixels: new Float32Array(64).fill(0.5) });
    const p = events.at(-1);
    expect(p?.type === 'prediction' && p.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    host.dispose();
  });

  it('stops mid-epoch on request and reports it as stopped', async () => {
    const { host, events } = harness();
    const done = host.handle(prepare(5));
    while (!events.some((e) => e.type === 'batch')) await new Promise((r) => setTimeout(r, 5));
    await host.handle({ type: 'stop' });
    await done;
    expect(events.at(-1)).toEqual({ type: 'finished', outcome: 'stopped', epochsDone: 0 });
    host.dispose();
  });

  it('turns a lost device into a failed run, keeping the epochs already reported', async () => {
    const { host, events, loseDevice } = harness();
    const done = host.handle(prepare(3));
    while (!events.some((e) => e.type === 'epoch')) await new Promise((r) => setTimeout(r, 5));
    loseDevice('GPU hung');
    await done;
    expect(events.filter((e) => e.type === 'epoch').length).toBeGreaterThanOrEqual(1);
    expect(events.at(-1)).toEqual({ type: 'failed', kind: 'deviceLost', error: 'GPU hung' });
    host.dispose();
  });

  it('refuses to train when the output units differ from the classes, with a readable reason', async () => {
    const { host, events } = harness();
    await host.handle(prepare(1, { document: tinyCnn(10) }));
    expect(events.at(-1)).toMatchObject({ type: 'failed', kind: 'invalid', error: expect.stringContaining('set its units to 4') });
  });

  it('reports a dataset that fails to load instead of hanging', async () => {
    const { host, events } = harness({ loadDataset: async () => Promise.reject(new Error('HTTP 404')) });
    await host.handle(prepare(1));
    expect(events.at(-1)).toEqual({ type: 'failed', kind: 'error', error: 'HTTP 404' });
  });

  it('continues from given weights and numbering', async () => {
    const first = harness();
    await first.host.handle(prepare(1));
    const snapshot = first.events.find((e) => e.type === 'epoch');
    if (snapshot?.type !== 'epoch' || !snapshot.weights) throw new Error('no snapshot');
    const second = harness();
    await second.host.handle(prepare(1, { initialWeights: snapshot.weights, epochsDone: 1 }));
    expect(second.events.filter((e) => e.type === 'epoch').map((e) => e.type === 'epoch' && e.metrics.epoch)).toEqual([1]);
    first.host.dispose();
    second.host.dispose();
  });

  it("with 'auto', times the user's model on each backend, starts the fastest and reports every measurement", async () => {
    const started: BackendChoice[] = [];
    const shapes: (readonly number[])[] = [];
    const { host, events } = harness({
      activateBackend: async (choice) => {
        started.push(choice);
        return { ok: true, backend: 'cpu', notes: [] };
      },
      measureBackends: (build, batch, makeOptimizer, onMeasurement) => {
        shapes.push(batch.xsShape);
        // The real autotune on the one backend node has, plus a backend that cannot start.
        return autotune(build, batch, {
          backends: ['webgpu', 'cpu'],
          makeOptimizer,
          onMeasurement,
          activate: async (b) => (b === 'cpu' ? (await tf.setBackend('cpu'), null) : 'no adapter'),
        });
      },
    });
    await host.handle(prepare(1, { hyperparameters: { ...defaultHyperparameters, batchSize: 64, validationSplit: 0.2 } }));
    expect(shapes).toEqual([[MEASURE_BATCH, 8, 8, 1]]);
    const measured = events.filter((e) => e.type === 'measurement').map((e) => (e.type === 'measurement' ? e.measurement : null));
    expect(measured.map((m) => m?.backend)).toEqual(['webgpu', 'cpu']);
    expect(measured[0]).toMatchObject({ samplesPerSec: 0, error: 'no adapter' });
    expect(measured[1]!.samplesPerSec).toBeGreaterThan(0);
    expect(started).toEqual(['cpu']);
    const ready = events.find((e) => e.type === 'ready');
    expect(ready?.type === 'ready' && ready.measurements).toEqual(measured);
    expect(events.at(-1)).toMatchObject({ type: 'finished', outcome: 'completed' });
    host.dispose();
  });

  it('starts WebAssembly and the screen while the dataset loads, and waits for them before measuring', async () => {
    const order: string[] = [];
    let releaseDataset: () => void = () => {};
    const { host } = harness({
      loadDataset: async () => {
        order.push('dataset requested');
        await new Promise<void>((resolve) => (releaseDataset = resolve));
        order.push('dataset loaded');
        return dataset();
      },
      warmUp: async (plan) => {
        order.push(`warm-up ${JSON.stringify(plan)}`);
        setTimeout(() => releaseDataset(), 5);
        await new Promise((resolve) => setTimeout(resolve, 30));
        order.push('warm');
      },
      measureBackends: async () => {
        order.push('measure');
        return { best: 'cpu', measurements: [{ backend: 'cpu', samplesPerSec: 1, steps: 1 }] };
      },
    });
    await host.handle(prepare(0));
    expect(order).toEqual(['warm-up {"wasm":true,"screen":true}', 'dataset requested', 'dataset loaded', 'warm', 'measure']);

    // A named GPU backend starts nothing early; kept figures naming WASM start only WASM.
    const plans: unknown[] = [];
    const named = harness({ warmUp: async (plan) => void plans.push(plan), measureBackends: async () => ({ best: 'cpu', measurements: [] }) });
    await named.host.handle(prepare(0, { backend: 'webgl' }));
    await named.host.handle(prepare(0, { measurements: [{ backend: 'wasm', samplesPerSec: 0, steps: 0, untimed: true }] }));
    expect(plans).toEqual([{ wasm: true, screen: false }]);
    host.dispose();
    named.host.dispose();
  });

  it("with 'auto' and measurements kept from an earlier start, starts their fastest without measuring again", async () => {
    const started: BackendChoice[] = [];
    let measuredAgain = false;
    const kept: BackendMeasurement[] = [
      { backend: 'webgl', samplesPerSec: 40, steps: 3 },
      { backend: 'wasm', samplesPerSec: 150, steps: 3 },
      { backend: 'webgpu', samplesPerSec: 0, steps: 0, error: 'no adapter' },
    ];
    const { host, events } = harness({
      activateBackend: async (choice) => {
        started.push(choice);
        return { ok: true, backend: 'cpu', notes: [] };
      },
      measureBackends: async () => {
        measuredAgain = true;
        throw new Error('should not measure');
      },
    });
    await host.handle(prepare(0, { measurements: kept }));
    expect(measuredAgain).toBe(false);
    expect(started).toEqual(['wasm']);
    expect(events.find((e) => e.type === 'ready')).toMatchObject({ measurements: kept });
    host.dispose();
  });

  it('keeps a named backend without measuring', async () => {
    const started: BackendChoice[] = [];
    const { host, events } = harness({
      activateBackend: async (choice) => {
        started.push(choice);
        return { ok: true, backend: 'cpu', notes: [] };
      },
      measureBackends: async () => {
        throw new Error('should not measure');
      },
    });
    await host.handle(prepare(0, { backend: 'webgl' }));
    expect(started).toEqual(['webgl']);
    expect(events.find((e) => e.type === 'ready')).toMatchObject({ measurements: [] });
    host.dispose();
  });
});
