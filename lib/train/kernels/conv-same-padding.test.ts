// Convolutions with padding 'same' on WASM agree with tfjs's CPU backend for
// small inputs and large strides, where XNNPACK's own 'same' padding gave
// zeros (found by lib/train/kernels/random-graphs.test.ts: Input [1, 2, 1],
// Conv2D kernel [5, 1], stride 3, 'same').
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomValues, relativeError } from './testing';
import { registerProjectKernels } from './index';

interface Case {
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: [number, number];
}

async function outputs(backend: 'cpu' | 'wasm', c: Case): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  if (backend === 'wasm') registerProjectKernels('wasm');
  const before = tf.memory().numTensors;
  const x = tf.tensor(randomValues(c.x, 3).values, c.x) as tf.Tensor4D; // [batch, h, w, c]
  const filter = tf.tensor(randomValues(c.filter, 7).values, c.filter) as tf.Tensor4D; // [kh, kw, ci, co]
  const depthFilter = tf.tensor(randomValues([c.filter[0]!, c.filter[1]!, c.x[3]!, 2], 9).values, [c.filter[0]!, c.filter[1]!, c.x[3]!, 2]) as tf.Tensor4D;
  const bias = tf.tensor(randomValues([c.filter[3]!], 11).values);
  const results = [
    tf.conv2d(x, filter, c.strides, 'same'),
    tf.fused.conv2d({ x, filter, strides: c.strides, pad: 'same', bias, activation: 'linear' }),
    tf.depthwiseConv2d(x, depthFilter, c.strides, 'same'),
  ];
  const values = await Promise.all(results.map((r) => r.data() as Promise<Float32Array>));
  tf.dispose([x, filter, depthFilter, bias, ...results]);
  expect(tf.memory().numTensors).toBe(before);
  return values;
}

async function expectAgree(c: Case): Promise<void> {
  const reference = await outputs('cpu', c);
  const ours = await outputs('wasm', c);
  ours.forEach((values, i) => expect(relativeError(values, reference[i]!), `output ${i}`).toBeLessThan(1e-4));
}

describe("padding 'same' on WASM", () => {
  it('a stride that skips the last column: kernel [5, 1], stride 3 over a 1×2 image', async () => {
    await expectAgree({ x: [2, 1, 2, 1], filter: [5, 1, 1, 3], strides: [3, 3] });
  });

  it('agrees with the CPU backend for small images and strides up to 4', async () => {
    const side = fc.integer({ min: 1, max: 7 });
    const size = fc.integer({ min: 1, max: 5 });
    const stride = fc.integer({ min: 1, max: 4 });
    await fc.assert(
      fc.asyncProperty(side, side, fc.integer({ min: 1, max: 3 }), size, size, fc.integer({ min: 1, max: 4 }), stride, stride, async (h, w, ci, kh, kw, co, sh, sw) => {
        await expectAgree({ x: [2, h, w, ci], filter: [kh, kw, ci, co], strides: [sh, sw] });
      }),
      { numRuns: 40 },
    );
  });
});
