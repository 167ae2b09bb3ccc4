// The normalisation, activation and merge layer types (LayerNormalization,
// ReLU, LeakyReLU, Softmax, Multiply, Average, Maximum) and every activation
// the inspector offers train on WASM with the project kernels: one batch's
// gradients agree with tfjs's CPU backend within 1e-3 for every weight, and
// training steps leave no tensor behind.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layerDef, type LayerType } from '../../layers/registry';
import { activations } from '../../layers/shared/params';
import { tfjsRegistry } from '../../layers/tfjs.generated';
import type { TfjsBuild } from '../../layers/shared/tfjs';
import { randomValues, relativeError } from './testing';
import { registerProjectKernels } from './index';

type Backend = 'cpu' | 'wasm';

async function switchTo(backend: Backend) {
  await tf.setBackend(backend);
  if (backend === 'wasm') registerProjectKernels('wasm');
}

const seeded = (seed: number) => tf.initializers.glorotUniform({ seed });

/** The layer under test as the registry builds it (the same code path as compileGraph). */
function built(type: LayerType, params: Record<string, unknown>): tf.layers.Layer {
  const build = (tfjsRegistry as Record<string, TfjsBuild<unknown>>)[type]!;
  return build(layerDef(type).params.parse(params), { name: `under_test_${type}`, initializer: () => undefined, seed: null });
}

/**
 * input [h, w, c] → Dense(6) per branch (seeded) → the layer → Flatten → Dense(4):
 * the gradient reaches every weight only through the layer under test.
 */
function modelAround(shape: number[], branches: number, layer: () => tf.layers.Layer, scale: number): tf.LayersModel {
  const input = tf.input({ shape });
  const heads = Array.from({ length: branches }, (_, i) =>
    tf.layers.dense({ units: 6, kernelInitializer: seeded(7 + i), biasInitializer: 'zeros' }).apply(input) as tf.SymbolicTensor,
  );
  const scaled = heads.map((h) => tf.layers.rescaling({ scale }).apply(h) as tf.SymbolicTensor);
  const mid = layer().apply(scaled.length === 1 ? scaled[0]! : scaled) as tf.SymbolicTensor;
  const flat = tf.layers.flatten().apply(mid) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: 4, kernelInitializer: seeded(3) }).apply(flat) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out });
}

async function gradients(backend: Backend, make: () => tf.LayersModel, batch: number, dataSeed: number): Promise<Float32Array[]> {
  await switchTo(backend);
  const model = make();
  const inputShape = model.inputs[0]!.shape.slice(1) as number[];
  const x = randomValues([batch, ...inputShape], dataSeed);
  const r = randomValues([batch, 4], dataSeed + 1);
  const xs = tf.tensor(x.values, x.shape);
  const target = tf.tensor(r.values, r.shape);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(tf.sub(model.apply(xs, { training: true }) as tf.Tensor, target))) as tf.Scalar, variables);
  const values = await Promise.all(variables.map((v) => grads[v.name]!.data() as Promise<Float32Array>));
  tf.dispose([value, xs, target, ...Object.values(grads)]);
  model.dispose();
  return values;
}

const peakOf = (values: ArrayLike<number>) => Array.from(values, Math.abs).reduce((a, b) => Math.max(a, b), 0);

/**
 * Each weight's gradient against the CPU backend's, relative to its own size,
 * or to a thousandth of the largest gradient of the model when its own is
 * smaller: some gradients are zero in exact arithmetic (a Dense bias constant
 * along the axis LayerNormalization normalises is removed by the mean), and
 * their float32 rounding noise is judged against the model's gradient scale.
 */
function expectGradientsAgree(ours: Float32Array[], reference: Float32Array[]) {
  expect(ours).toHaveLength(reference.length);
  const floor = 1e-3 * Math.max(...reference.map(peakOf));
  // The first Dense kernel sits before the layer under test: the gradient went through it.
  expect(peakOf(reference[0]!), 'gradient through the layer').toBeGreaterThan(0);
  ours.forEach((g, i) => {
    const peak = peakOf(reference[i]!);
    const error = relativeError(g, reference[i]!) * (peak > floor || peak === 0 ? 1 : peak / floor);
    expect(error, `weight ${i}`).toBeLessThan(1e-3);
  });
}

async function expectWasmMatchesCpu(make: () => tf.LayersModel, batch = 3, dataSeed = 5) {
  const reference = await gradients('cpu', make, batch, dataSeed);
  const ours = await gradients('wasm', make, batch, dataSeed);
  expectGradientsAgree(ours, reference);
}

/** A few Adam steps on WASM: the loss stays finite and falls, the tensor count stays put. */
async function expectTrainsOnWasm(make: () => tf.LayersModel) {
  await switchTo('wasm');
  const model = make();
  model.compile({ optimizer: tf.train.adam(1e-2), loss: 'meanSquaredError' });
  const inputShape = model.inputs[0]!.shape.slice(1) as number[];
  const x = randomValues([4, ...inputShape], 9);
  const y = randomValues([4, 4], 10);
  const xs = tf.tensor(x.values, x.shape);
  const ys = tf.tensor(y.values, y.shape);
  const losses: number[] = [];
  const counts: number[] = [];
  for (let step = 0; step < 5; step++) {
    losses.push((await model.trainOnBatch(xs, ys)) as number);
    counts.push(tf.memory().numTensors);
  }
  expect(losses.every(Number.isFinite), String(losses)).toBe(true);
  expect(losses.at(-1)!).toBeLessThan(losses[0]!);
  expect(new Set(counts.slice(1)).size, String(counts)).toBe(1);
  tf.dispose([xs, ys]);
  model.optimizer.dispose();
  model.dispose();
}

const cases: { title: string; type: LayerType; params: Record<string, unknown>; branches: number; scale: number }[] = [
  { title: 'LayerNormalization over channels (axis -1)', type: 'LayerNormalization', params: {}, branches: 1, scale: 1 },
  { title: 'LayerNormalization over height (axis 1)', type: 'LayerNormalization', params: { axis: 1 }, branches: 1, scale: 1 },
  // Inputs scaled ×10 so some values pass the cap and its gradient (0 there) is exercised.
  { title: 'ReLU capped at 6 (ReLU6)', type: 'ReLU', params: { maxValue: 6 }, branches: 1, scale: 10 },
  { title: 'ReLU without a cap', type: 'ReLU', params: {}, branches: 1, scale: 1 },
  { title: 'LeakyReLU (alpha 0.3)', type: 'LeakyReLU', params: {}, branches: 1, scale: 1 },
  { title: 'Softmax (axis -1)', type: 'Softmax', params: {}, branches: 1, scale: 3 },
  { title: 'Multiply of two branches', type: 'Multiply', params: {}, branches: 2, scale: 1 },
  { title: 'Multiply of three branches', type: 'Multiply', params: {}, branches: 3, scale: 1 },
  { title: 'Average of two branches', type: 'Average', params: {}, branches: 2, scale: 1 },
  { title: 'Maximum of two branches', type: 'Maximum', params: {}, branches: 2, scale: 1 },
  { title: 'Maximum of three branches', type: 'Maximum', params: {}, branches: 3, scale: 1 },
];

describe('normalisation, activation and merge layers on WASM with the project kernels', () => {
  for (const c of cases) {
    const make = () => modelAround([4, 5, 3], c.branches, () => built(c.type, c.params), c.scale);
    it(`${c.title}: one batch's gradients match the CPU backend's within 1e-3 for every weight`, async () => {
      await expectWasmMatchesCpu(make);
    });
    it(`${c.title}: trains with Adam on WASM without leaking tensors`, async () => {
      await expectTrainsOnWasm(make);
    });
  }

  it('LayerNormalization: gradients match the CPU backend for random shapes, axes and data', async () => {
    await fc.assert(
      fc.asyncProperty(
        // Sides of 2 or more: normalising over a side of 1 gives beta alone, and no gradient reaches the input.
        fc.array(fc.integer({ min: 2, max: 5 }), { minLength: 2, maxLength: 3 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        async (shape, batch, dataSeed) => {
          // Dense(6) makes the last axis 6; pick any axis of the result.
          const rank = shape.length;
          const axis = (dataSeed % (rank * 2)) - rank;
          const make = () => modelAround(shape, 1, () => built('LayerNormalization', { axis: axis >= 0 ? axis + 1 : axis }), 1);
          await expectWasmMatchesCpu(make, batch, dataSeed);
        },
      ),
      { numRuns: 12 },
    );
  });
});

describe('every activation the inspector offers', () => {
  for (const name of activations) {
    const make = () => modelAround([4, 5, 3], 1, () => tf.layers.activation({ activation: name as never }), 1);
    it(`${name}: builds, and its gradients on WASM match the CPU backend's within 1e-3`, async () => {
      await expectWasmMatchesCpu(make);
    });
    it(`${name}: trains with Adam on WASM without leaking tensors`, async () => {
      await expectTrainsOnWasm(make);
    });
  }
});
