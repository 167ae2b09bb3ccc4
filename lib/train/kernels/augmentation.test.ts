// The augmentation layers on WASM with the project's kernels: the same draws
// as on tfjs's CPU backend (they are made on the host from the seed), no
// leaks, and a model with them in front trains (the gradient flows to the
// layers after them).
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import type { TfjsBuild } from '../../layers/shared/tfjs';
import { build as flip } from '../../layers/RandomFlip/tfjs';
import { build as translation } from '../../layers/RandomTranslation/tfjs';
import { build as rotation } from '../../layers/RandomRotation/tfjs';
import { build as zoom } from '../../layers/RandomZoom/tfjs';
import { build as contrast } from '../../layers/RandomContrast/tfjs';
import { build as rescaling } from '../../layers/Rescaling/tfjs';
import { randomValues, relativeError } from './testing';
import { registerProjectKernels } from './index';

const layers: Array<[string, TfjsBuild<never>, unknown]> = [
  ['RandomFlip', flip as TfjsBuild<never>, { mode: 'horizontal_and_vertical' }],
  ['RandomTranslation', translation as TfjsBuild<never>, { heightFactor: 0.2, widthFactor: [-0.1, 0.3], fillMode: 'reflect' }],
  ['RandomTranslation (wrap)', translation as TfjsBuild<never>, { heightFactor: 0.2, widthFactor: 0.2, fillMode: 'wrap' }],
  ['RandomRotation', rotation as TfjsBuild<never>, { factor: 0.1 }],
  ['RandomZoom', zoom as TfjsBuild<never>, { heightFactor: 0.2, widthFactor: 0.1 }],
  ['RandomContrast', contrast as TfjsBuild<never>, { factor: 0.3 }],
  ['Rescaling', rescaling as TfjsBuild<never>, { scale: 2, offset: -1 }],
];

async function draws(backend: 'cpu' | 'wasm', build: TfjsBuild<never>, params: unknown, calls: number): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  if (backend === 'wasm') registerProjectKernels('wasm');
  const layer = build(params as never, { name: 'aug', seed: 21, initializer: () => undefined });
  const x = randomValues([4, 12, 10, 3], 5);
  const xs = tf.tensor(x.values.map((v) => (v + 1) / 2), x.shape);
  const out: Float32Array[] = [];
  const before = tf.memory().numTensors;
  for (let i = 0; i < calls; i++) {
    const y = layer.apply(xs, { training: true }) as tf.Tensor;
    out.push((await y.data()) as Float32Array);
    y.dispose();
  }
  expect(tf.memory().numTensors, `${backend} leaks`).toBe(before);
  xs.dispose();
  return out;
}

describe('augmentation layers on WASM', () => {
  it.each(layers)('%s: three training calls give the CPU backend’s draws, and leak nothing', async (_name, build, params) => {
    const reference = await draws('cpu', build, params, 3);
    const ours = await draws('wasm', build, params, 3);
    ours.forEach((values, i) => expect(relativeError(values, reference[i]!), `call ${i}`).toBeLessThan(1e-5));
  });

  it('a model with every augmentation layer in front trains on WASM: gradients match the CPU backend’s, the loss falls', async () => {
    const gradients = async (backend: 'cpu' | 'wasm') => {
      await tf.setBackend(backend);
      if (backend === 'wasm') registerProjectKernels('wasm');
      const input = tf.input({ shape: [12, 10, 3] });
      let h: tf.SymbolicTensor = input;
      for (const [name, build, params] of layers) h = build(params as never, { name: name.replace(/\W/g, ''), seed: 3, initializer: () => undefined }).apply(h) as tf.SymbolicTensor;
      h = tf.layers.conv2d({ filters: 4, kernelSize: 3, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }).apply(h) as tf.SymbolicTensor;
      h = tf.layers.flatten().apply(h) as tf.SymbolicTensor;
      const output = tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }).apply(h) as tf.SymbolicTensor;
      const model = tf.model({ inputs: input, outputs: output });
      const x = randomValues([6, 12, 10, 3], 8);
      const xs = tf.tensor(x.values.map((v) => (v + 1) / 2), x.shape);
      const ys = tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2], 'int32'), 3);
      const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
      const optimizer: tf.Optimizer = tf.train.adam(0.01);
      const losses: number[] = [];
      let first: Float32Array[] = [];
      for (let step = 0; step < 5; step++) {
        const { value, grads } = tf.variableGrads(() => {
          const p = tf.clipByValue(model.apply(xs, { training: true }) as tf.Tensor, 1e-7, 1);
          return tf.neg(tf.mean(tf.sum(tf.mul(ys, tf.log(p)), -1))) as tf.Scalar;
        }, variables);
        if (step === 0) first = await Promise.all(variables.map((v) => grads[v.name]!.data() as Promise<Float32Array>));
        optimizer.applyGradients(grads);
        losses.push(await value.data().then((d) => d[0]!));
        tf.dispose([value, ...Object.values(grads)]);
      }
      tf.dispose([xs, ys]);
      optimizer.dispose();
      model.dispose();
      return { first, losses };
    };
    const reference = await gradients('cpu');
    const ours = await gradients('wasm');
    ours.first.forEach((g, i) => expect(relativeError(g, reference.first[i]!), `weight ${i}`).toBeLessThan(1e-3));
    expect(ours.losses.every(Number.isFinite)).toBe(true);
    // New draws every step, so the loss is noisy; five Adam steps still bring it down.
    expect(ours.losses[4]!).toBeLessThan(ours.losses[0]!);
  });

  it('a geometric layer after a convolution passes the gradient back to it on WASM, as on the CPU backend, leaking nothing', async () => {
    // tfjs's own gather gradient needs UnsortedSegmentSum, which WASM lacks: the layers scatter it back themselves.
    const convGradient = async (backend: 'cpu' | 'wasm') => {
      await tf.setBackend(backend);
      if (backend === 'wasm') registerProjectKernels('wasm');
      const input = tf.input({ shape: [9, 9, 1] });
      let h = tf.layers.conv2d({ filters: 2, kernelSize: 3, padding: 'same', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }).apply(input) as tf.SymbolicTensor;
      h = rotation({ factor: 0.2 } as never, { name: 'rot', seed: 3, initializer: () => undefined }).apply(h) as tf.SymbolicTensor;
      h = zoom({ heightFactor: 0.2 } as never, { name: 'zoom', seed: 4, initializer: () => undefined }).apply(h) as tf.SymbolicTensor;
      h = tf.layers.flatten().apply(h) as tf.SymbolicTensor;
      const model = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 2, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }).apply(h) as tf.SymbolicTensor });
      const x = randomValues([3, 9, 9, 1], 4);
      const xs = tf.tensor(x.values, x.shape);
      const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
      const step = () => {
        const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(model.apply(xs, { training: true }) as tf.Tensor)) as tf.Scalar, variables);
        const kernel = grads[variables[0]!.name]!.dataSync().slice();
        tf.dispose([value, ...Object.values(grads)]);
        return kernel;
      };
      const kernel = step();
      const before = tf.memory().numTensors;
      step();
      expect(tf.memory().numTensors, `${backend} leaks`).toBe(before);
      xs.dispose();
      model.dispose();
      return kernel;
    };
    const reference = await convGradient('cpu');
    const ours = await convGradient('wasm');
    expect(Math.max(...Array.from(reference, Math.abs))).toBeGreaterThan(0);
    expect(relativeError(ours, reference)).toBeLessThan(1e-3);
  });
});
