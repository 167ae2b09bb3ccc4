import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { compileGraph } from '../../compile';
import { planSplit } from './batches';
import { defaultHyperparameters, type Hyperparameters } from '../page/hyperparameters';
import { DivergedError, TrainingLoop, type LoopControl } from './loop';
import { classifyFailure } from './failure';
import type { EpochMetrics } from '../metrics';
import { stripesDataset, tinyCnn } from '../testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const running: LoopControl = { stopRequested: () => false, waitWhilePaused: async () => {} };

function setup(hp: Partial<Hyperparameters> = {}, count = 240) {
  const source = stripesDataset(count);
  const hyper = { ...defaultHyperparameters, learningRate: 0.01, batchSize: 16, ...hp };
  const compiled = compileGraph(tinyCnn(), { seed: hyper.seed });
  if (!compiled.ok) throw new Error('tiny model did not compile');
  const data = { source, split: planSplit(source.count, hyper.validationSplit, hyper.trainLimit), numClasses: 4, inputShape: [8, 8, 1] };
  const loop = new TrainingLoop(compiled.model, data, hyper);
  return { loop, model: compiled.model, data };
}

describe('TrainingLoop', () => {
  it('leaks no tensor: the count is the same after every epoch from the second on', async () => {
    const { loop, model } = setup();
    const counts: number[] = [];
    await loop.train(3, running, { onEpoch: () => void counts.push(tf.memory().numTensors) });
    expect(counts).toHaveLength(3);
    expect(counts[2]).toBe(counts[1]);
    loop.dispose();
    model.dispose();
  });

  it('learns: validation accuracy well above chance after a few epochs, with metrics per epoch', async () => {
    const { loop, model } = setup({ validationSplit: 0.25 });
    const epochs: EpochMetrics[] = [];
    let batchGroups = 0;
    const outcome = await loop.train(4, running, { onEpoch: (m) => void epochs.push(m), onBatchMetrics: () => void batchGroups++ });
    expect(outcome).toBe('completed');
    expect(epochs.map((e) => e.epoch)).toEqual([0, 1, 2, 3]);
    expect(epochs[3]!.loss).toBeLessThan(epochs[0]!.loss);
    expect(epochs[3]!.valAccuracy!).toBeGreaterThan(0.6);
    expect(epochs[3]!.samplesPerSec).toBeGreaterThan(0);
    // 180 training images / 16 = 12 batches per epoch, read 5 at a time: 3 reads per epoch, not 12.
    expect(batchGroups).toBe(4 * 3);
    loop.dispose();
    model.dispose();
  });

  it('stops with a clear reason when the loss becomes NaN, before recording the broken epoch', async () => {
    const { loop, model } = setup({ optimizer: 'sgd', learningRate: 1e30 });
    const epochs: EpochMetrics[] = [];
    const before = tf.memory().numTensors;
    const failure = await loop.train(2, running, { onEpoch: (m) => void epochs.push(m) }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(DivergedError);
    expect(epochs).toEqual([]);
    expect(classifyFailure(failure)).toEqual({
      kind: 'diverged',
      error: expect.stringMatching(/loss became NaN at epoch 1, batch \d+.*learning rate 1e\+30.*lower learning rate/),
      // The parts the page puts into its own (translated) sentence.
      diverged: { epoch: 0, batch: expect.any(Number), learningRate: 1e30, value: NaN },
    });
    // The scalars read so far are disposed even though the epoch broke off.
    expect(tf.memory().numTensors).toBe(before);
    loop.dispose();
    model.dispose();
  });

  it('validates on the last fraction of the first N images', () => {
    const split = planSplit(1000, 0.2, 100);
    expect(split.train.length).toBe(80);
    expect(split.validation[0]).toBe(80);
    expect(split.validation.at(-1)).toBe(99);
  });

  it('stops mid-epoch keeping the weights, and "train more" continues the same model', async () => {
    const { loop, model } = setup({ validationSplit: 0 });
    let batches = 0;
    const stopAfterThree: LoopControl = { stopRequested: () => batches >= 3, waitWhilePaused: async () => {} };
    const before = model.getWeights()[0]!.clone();
    const outcome = await loop.train(2, stopAfterThree, { onBatch: () => void batches++ });
    expect(outcome).toBe('stopped');
    expect(batches).toBe(3);
    expect(loop.epochsDone).toBe(0);
    const after = model.getWeights()[0]!;
    expect(tf.max(tf.abs(tf.sub(after, before))).arraySync()).toBeGreaterThan(0);
    before.dispose();

    const epochs: number[] = [];
    await loop.train(2, running, { onEpoch: (m) => void epochs.push(m.epoch) });
    expect(epochs).toEqual([0, 1]);
    await loop.train(1, running, { onEpoch: (m) => void epochs.push(m.epoch) });
    expect(epochs).toEqual([0, 1, 2]);
    expect(loop.epochsDone).toBe(3);
    loop.dispose();
    model.dispose();
  });

  it('pauses between batches until resumed', async () => {
    const { loop, model } = setup({ validationSplit: 0 });
    let paused = true;
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let batches = 0;
    const control: LoopControl = { stopRequested: () => false, waitWhilePaused: () => (paused && batches === 2 ? gate : Promise.resolve()) };
    const done = loop.train(1, control, { onBatch: () => void batches++ });
    // However slow the machine: it reaches batch 2, then stays there while paused.
    await vi.waitFor(() => expect(batches).toBe(2), { timeout: 20_000 });
    await new Promise((r) => setTimeout(r, 200));
    expect(batches).toBe(2);
    paused = false;
    release();
    await done;
    expect(batches).toBe(Math.ceil(240 / 16));
    loop.dispose();
    model.dispose();
  });
});
