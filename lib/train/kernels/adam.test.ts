// The fused Adam update on WASM against tfjs's own AdamOptimizer on the CPU
// backend: the same gradients for N steps give the same weights and moments.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../../compile';
import { tinyCnn, stripesDataset } from '../testing';
import { adamUpdateKernelName, fusedAdam } from './adam';
import { registerProjectKernels } from './index';
import { kernelPaths, onKernelPath, randomValues, relativeError } from './testing';

beforeAll(async () => {
  await tf.setBackend('wasm');
  registerProjectKernels('wasm');
});
afterAll(async () => {
  await tf.setBackend('cpu');
});

interface Trace {
  weights: Float32Array[];
  moments: Float32Array[];
}

/** Applies the same gradient sequence to fresh variables with an optimizer on a backend; returns the weights and optimizer state. */
async function applySteps(backend: 'cpu' | 'wasm', makeOptimizer: () => tf.Optimizer, initial: Float32Array[], shapes: number[][], gradients: Float32Array[][]): Promise<Trace> {
  await tf.setBackend(backend);
  const before = tf.memory().numTensors;
  const variables = initial.map((values, i) => tf.tidy(() => tf.variable(tf.tensor(values, shapes[i]!), true, `w${backend}${i}_${Math.random()}`)));
  const optimizer = makeOptimizer();
  for (const step of gradients) {
    const named = step.map((g, i) => ({ name: variables[i]!.name, tensor: tf.tensor(g, shapes[i]!) }));
    optimizer.applyGradients(named);
    tf.dispose(named.map((n) => n.tensor));
  }
  const weights = variables.map((v) => v.dataSync() as Float32Array);
  const state = await optimizer.getWeights();
  const moments = state.map((s) => s.tensor.dataSync() as Float32Array);
  tf.dispose(state.map((s) => s.tensor));
  optimizer.dispose();
  tf.dispose(variables);
  expect(tf.memory().numTensors).toBe(before);
  return { weights, moments };
}

describe('fused Adam (WASM)', () => {
  it.each(kernelPaths)('matches tf.train.adam on the CPU backend, weights and moments, over several steps ($path)', async ({ simd }) => {
    await onKernelPath(simd);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom(1e-3, 1e-2, 0.1),
        fc.integer({ min: 1, max: 2 ** 30 }),
        async (shapes, steps, learningRate, seed) => {
          const initial = shapes.map((shape, i) => randomValues(shape, seed + i).values as Float32Array);
          const gradients = Array.from({ length: steps }, (_, s) => shapes.map((shape, i) => randomValues(shape, seed * 7 + s * 31 + i).values as Float32Array));
          const reference = await applySteps('cpu', () => tf.train.adam(learningRate), initial, shapes, gradients);
          const ours = await applySteps('wasm', () => fusedAdam(learningRate), initial, shapes, gradients);
          for (let i = 0; i < shapes.length; i++) expect(relativeError(ours.weights[i]!, reference.weights[i]!)).toBeLessThanOrEqual(1e-6);
          expect(ours.moments.length).toBe(reference.moments.length);
          for (let i = 0; i < ours.moments.length; i++) expect(relativeError(ours.moments[i]!, reference.moments[i]!)).toBeLessThanOrEqual(1e-6);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('is one kernel per weight, and training a model with it keeps the tensor count flat', async () => {
    await tf.setBackend('wasm');
    const compiled = compileGraph(tinyCnn(4), { seed: 5 });
    if (!compiled.ok) throw new Error('tiny model does not compile');
    const model = compiled.model;
    model.compile({ optimizer: fusedAdam(0.01), loss: 'categoricalCrossentropy' });
    const data = stripesDataset(64, 4, 3);
    const xs = tf.tidy(() => tf.div(tf.tensor4d(data.images, [64, 8, 8, 1], 'float32'), 255));
    const ys = tf.oneHot(tf.tensor1d(Array.from(data.labels), 'int32'), 4);
    const first = (await model.trainOnBatch(xs, ys)) as number;
    const before = tf.memory().numTensors;
    const kernels: string[] = [];
    const profile = await tf.profile(async () => {
      await model.trainOnBatch(xs, ys);
    });
    kernels.push(...profile.kernels.map((k) => k.name));
    for (let i = 0; i < 30; i++) await model.trainOnBatch(xs, ys);
    const last = (await model.trainOnBatch(xs, ys)) as number;
    expect(tf.memory().numTensors).toBe(before);
    expect(kernels.filter((k) => k === adamUpdateKernelName).length).toBe(model.trainableWeights.length);
    expect(last).toBeLessThan(first);
    tf.dispose([xs, ys]);
    model.optimizer.dispose();
    model.dispose();
  });
});
