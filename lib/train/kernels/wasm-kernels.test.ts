// The WASM-only kernels (heap Tile/Sum/Mean/MaxPoolGrad, sharing Identity and
// Cast, transposing BatchMatMul, the BatchNormalization gradient) against
// tfjs's CPU kernels, on random shapes.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { cpuReference, kernelPaths, onKernelPath, randomValues, relativeError, runOnActiveBackend, type HostTensor } from './testing';
import { batchNormGradKernelName } from './batch-norm-gradient';
import { filterGradient, registerProjectKernels } from './index';

beforeAll(async () => {
  await tf.setBackend('wasm');
  registerProjectKernels('wasm');
});

const seed = fc.integer({ min: 1, max: 2 ** 31 - 1 });
const dims = (min: number, max: number, rank: fc.Arbitrary<number>) => rank.chain((r) => fc.array(fc.integer({ min, max }), { minLength: r, maxLength: r }));

/**
 * `scaleFloor`: the magnitude the error is judged against when the outputs
 * themselves are smaller: a sum of values in [-1, 1] can cancel to almost
 * nothing, and then float32's summation-order error is large relative to it
 * though tiny relative to the terms summed.
 */
async function expectMatchesCpu(kernelName: string, inputs: Record<string, HostTensor>, attrs: Record<string, unknown>, tolerance = 1e-5, scaleFloor = 0) {
  const reference = cpuReference(kernelName, inputs, attrs);
  const ours = await runOnActiveBackend(kernelName, inputs, attrs);
  expect(ours.shape).toEqual(reference.shape);
  const peak = Math.max(...Array.from(reference.values, Math.abs), 0);
  const error = relativeError(ours.values, reference.values) * (peak > scaleFloor || peak === 0 ? 1 : peak / scaleFloor);
  expect(error).toBeLessThanOrEqual(tolerance);
  expect(ours.leaked).toBe(0);
}

describe('WASM heap kernels', () => {
  it('Tile matches the CPU kernel for any shape and repetitions', async () => {
    await fc.assert(
      fc.asyncProperty(dims(1, 5, fc.integer({ min: 1, max: 4 })), fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 4, maxLength: 4 }), seed, async (shape, reps, s) => {
        await expectMatchesCpu('Tile', { x: randomValues(shape, s) }, { reps: reps.slice(0, shape.length) }, 0);
      }),
      { numRuns: 40 },
    );
  });

  for (const kernelName of ['Sum', 'Mean'] as const) {
    it(`${kernelName} matches the CPU kernel over any axes, leading or not`, async () => {
      await fc.assert(
        fc.asyncProperty(dims(1, 9, fc.integer({ min: 1, max: 4 })), fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), fc.boolean(), seed, async (shape, pick, keepDims, s) => {
          const axis = shape.map((_, i) => i).filter((i) => pick[i]);
          // Terms are in [-1, 1]: a sum of n of them is judged against sqrt(n), its typical size; a mean against 1/sqrt(n).
          const n = axis.reduce((count, i) => count * shape[i]!, 1);
          await expectMatchesCpu(kernelName, { x: randomValues(shape, s) }, { axis, keepDims }, 1e-5, kernelName === 'Sum' ? Math.sqrt(n) : 1 / Math.sqrt(n));
        }),
        { numRuns: 40 },
      );
    });
  }

  /** MaxPoolGrad of a pooling over random [batch, height, width, channels] data with three levels only, as after a ReLU: windows with several maxima. */
  async function expectMaxPoolGradMatchesCpu(c: { batch: number; height: number; width: number; channels: number; seed: number }, pool: { filterSize: number; strides: number; pad: 'valid' | 'same' }) {
    const x = randomValues([c.batch, c.height, c.width, c.channels], c.seed);
    x.values = x.values.map((v) => Math.round(v * 1.5));
    const output = cpuReference('MaxPool', { x }, pool);
    const dy = randomValues(output.shape, c.seed + 7);
    await expectMatchesCpu('MaxPoolGrad', { dy, input: x, output }, pool);
  }

  it('MaxPoolGrad matches the CPU kernel, ties included, for any window, stride and padding', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          batch: fc.integer({ min: 1, max: 3 }),
          height: fc.integer({ min: 3, max: 12 }),
          width: fc.integer({ min: 3, max: 12 }),
          channels: fc.integer({ min: 1, max: 9 }),
          filter: fc.integer({ min: 1, max: 3 }),
          stride: fc.integer({ min: 1, max: 3 }),
          pad: fc.constantFrom('valid' as const, 'same' as const),
          seed,
        }),
        async (c) => expectMaxPoolGradMatchesCpu(c, { filterSize: c.filter, strides: c.stride, pad: c.pad }),
      ),
      { numRuns: 30 },
    );
  });

  it.each(kernelPaths)('MaxPoolGrad of 2×2 windows at stride 2 ($path) matches the CPU kernel on even and odd sides, ties included', async ({ simd }) => {
    await onKernelPath(simd);
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          batch: fc.integer({ min: 1, max: 3 }),
          height: fc.integer({ min: 1, max: 9 }),
          width: fc.integer({ min: 1, max: 9 }),
          channels: fc.integer({ min: 1, max: 9 }),
          pad: fc.constantFrom('valid' as const, 'same' as const),
          seed,
        }),
        async (c) => {
          if (c.pad === 'valid' && (c.height < 2 || c.width < 2)) return;
          await expectMaxPoolGradMatchesCpu(c, { filterSize: 2, strides: 2, pad: c.pad });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('BatchMatMul matches the CPU result with transposed operands', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ batch: fc.integer({ min: 1, max: 3 }), m: fc.integer({ min: 1, max: 20 }), k: fc.integer({ min: 1, max: 20 }), n: fc.integer({ min: 1, max: 20 }), transposeA: fc.boolean(), transposeB: fc.boolean(), seed }),
        async (c) => {
          const a = randomValues(c.transposeA ? [c.batch, c.k, c.m] : [c.batch, c.m, c.k], c.seed);
          const b = randomValues(c.transposeB ? [c.batch, c.n, c.k] : [c.batch, c.k, c.n], c.seed + 1);
          await expectMatchesCpu('BatchMatMul', { a, b }, { transposeA: c.transposeA, transposeB: c.transposeB });
        },
      ),
      { numRuns: 30 },
    );
  });

  it('a clone and a same-type cast share memory yet outlive the original, and free it when all are gone', async () => {
    const backend = tf.backend();
    const before = backend.numDataIds();
    const original = tf.tensor([1, 2, 3, 4]);
    const copy = tf.clone(original);
    const cast = tf.cast(original, 'float32');
    expect(backend.numDataIds()).toBe(before + 1);
    original.dispose();
    expect(Array.from(await copy.data())).toEqual([1, 2, 3, 4]);
    copy.dispose();
    expect(Array.from(await cast.data())).toEqual([1, 2, 3, 4]);
    cast.dispose();
    expect(backend.numDataIds()).toBe(before);
    const ints = tf.cast(tf.tensor([1.7, -2.2]), 'int32');
    expect(Array.from(await ints.data())).toEqual([1, -2]);
    ints.dispose();
  });
});

describe('BatchNormalization gradient on WASM', () => {
  it('matches tfjs’s gradient on the CPU backend for every input', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ rows: fc.integer({ min: 1, max: 40 }), channels: fc.integer({ min: 1, max: 12 }), epsilon: fc.constantFrom(1e-3, 1e-5), seed }),
        async (c) => {
          const shape = [c.rows, 2, 3, c.channels];
          const host = {
            x: randomValues(shape, c.seed),
            mean: randomValues([c.channels], c.seed + 1),
            variance: { shape: [c.channels], values: randomValues([c.channels], c.seed + 2).values.map((v) => v * v + 0.1) },
            offset: randomValues([c.channels], c.seed + 3),
            scale: randomValues([c.channels], c.seed + 4),
            weight: randomValues(shape, c.seed + 5),
          };
          const gradientsOn = async (backend: 'cpu' | 'wasm') => {
            await tf.setBackend(backend);
            const t = Object.fromEntries(Object.entries(host).map(([k, v]) => [k, tf.tensor(v.values, v.shape)])) as Record<keyof typeof host, tf.Tensor>;
            const before = tf.memory().numTensors;
            // Always with a scale: tfjs's own gradient fails without one (it clones the missing tensor).
            const inputs = [t.x, t.mean, t.variance, t.offset, t.scale];
            let grads: tf.Tensor[] = [];
            const profile = await tf.profile(() => {
              grads = tf.grads((...args: tf.Tensor[]) =>
                tf.sum(tf.mul(tf.batchNorm(args[0]!, args[1]!, args[2]!, args[3], args[4], c.epsilon), t.weight)),
              )(inputs);
              return grads;
            });
            const values = await Promise.all(grads.map((g) => g.data()));
            tf.dispose(grads);
            const leaked = tf.memory().numTensors - before;
            tf.dispose(Object.values(t));
            return { values, leaked, kernels: profile.kernelNames };
          };
          const reference = await gradientsOn('cpu');
          const ours = await gradientsOn('wasm');
          expect(ours.kernels).toContain(batchNormGradKernelName);
          expect(ours.leaked).toBe(0);
          // The per-channel gradients (mean, variance, offset, scale) are sums over
          // rows·2·3 positions that can cancel to almost nothing; as for Sum and Mean
          // above, their float32 summation-order error is judged against the size such
          // a sum of unit-sized terms typically has (√count), not against the cancelled sum.
          const summed = Math.sqrt(c.rows * 6);
          ours.values.forEach((v, i) => {
            const peak = Math.max(...Array.from(reference.values[i]!, Math.abs), 0);
            const floor = i === 0 ? 0 : summed;
            const error = relativeError(v, reference.values[i]!) * (peak > floor || peak === 0 ? 1 : peak / floor);
            expect(error, `gradient ${i}`).toBeLessThan(1e-4);
          });
        },
      ),
      { numRuns: 25 },
    );
    await tf.setBackend('wasm');
  });
});

describe('filter gradient formulations on WASM', () => {
  it('convolution, im2col and patches all match the CPU kernel', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          batch: fc.integer({ min: 1, max: 4 }),
          size: fc.integer({ min: 5, max: 16 }),
          inChannels: fc.integer({ min: 1, max: 8 }),
          outChannels: fc.integer({ min: 1, max: 16 }),
          kernel: fc.constantFrom(1, 3, 5),
          stride: fc.constantFrom(1, 2),
          pad: fc.constantFrom('valid' as const, 'same' as const),
          formulation: fc.constantFrom('convolution' as const, 'im2col' as const, 'patches' as const),
          seed,
        }),
        async (c) => {
          const filterShape = [c.kernel, c.kernel, c.inChannels, c.outChannels];
          const info = tf.backend_util.computeConv2DInfo([c.batch, c.size, c.size, c.inChannels], filterShape as [number, number, number, number], c.stride, 1, c.pad);
          const x = randomValues([c.batch, c.size, c.size, c.inChannels], c.seed);
          const dy = randomValues(info.outShape, c.seed + 1);
          const attrs = { strides: c.stride, pad: c.pad, dataFormat: 'NHWC' as const, filterShape };
          const reference = cpuReference('Conv2DBackpropFilter', { x, dy }, attrs);
          const [xt, dyt] = [tf.tensor4d(x.values, x.shape as [number, number, number, number]), tf.tensor4d(dy.values, dy.shape as [number, number, number, number])];
          const before = tf.memory().numTensors;
          const grad = filterGradient(xt, dyt, filterShape, attrs, c.formulation);
          expect(relativeError(await grad.data(), reference.values)).toBeLessThan(1e-4);
          grad.dispose();
          expect(tf.memory().numTensors).toBe(before);
          tf.dispose([xt, dyt]);
        },
      ),
      { numRuns: 30 },
    );
  });
});
