import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { cpuReference, randomValues, relativeError, runOnActiveBackend } from './testing';
import { registerProjectKernels, type KernelBackendName } from './index';

/** One random convolution within the ranges the issue names. */
const convCase = fc
  .record({
    batch: fc.integer({ min: 1, max: 8 }),
    height: fc.integer({ min: 5, max: 28 }),
    width: fc.integer({ min: 5, max: 28 }),
    inChannels: fc.integer({ min: 1, max: 64 }),
    outChannels: fc.integer({ min: 1, max: 64 }),
    kernelHeight: fc.constantFrom(1, 3, 5),
    kernelWidth: fc.constantFrom(1, 3, 5),
    strideHeight: fc.constantFrom(1, 2),
    strideWidth: fc.constantFrom(1, 2),
    pad: fc.constantFrom('valid' as const, 'same' as const),
    seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  })
  .map((c) => {
    const info = tf.backend_util.computeConv2DInfo(
      [c.batch, c.height, c.width, c.inChannels],
      [c.kernelHeight, c.kernelWidth, c.inChannels, c.outChannels],
      [c.strideHeight, c.strideWidth],
      1,
      c.pad,
    );
    return { ...c, outShape: info.outShape as number[] };
  })
  // tfjs's CPU reference is a plain JS loop: cases above this many
  // multiply-adds would make the suite take minutes, so they are redrawn.
  .filter((c) => c.outShape.reduce((a, b) => a * b, 1) * c.kernelHeight * c.kernelWidth * c.inChannels <= maxMultiplyAdds);

const maxMultiplyAdds = 2_000_000;
const numRuns = 20;

function describeBackend(backend: KernelBackendName) {
  describe(`conv2d gradients on ${backend}`, () => {
    beforeAll(async () => {
      await tf.setBackend(backend);
      registerProjectKernels(backend);
    });

    it('Conv2DBackpropFilter matches tfjs’s CPU kernel within 1e-4 and leaves no tensor behind', async () => {
      await fc.assert(
        fc.asyncProperty(convCase, async (c) => {
          const x = randomValues([c.batch, c.height, c.width, c.inChannels], c.seed);
          const dy = randomValues(c.outShape, c.seed + 1);
          const attrs = {
            strides: [c.strideHeight, c.strideWidth],
            pad: c.pad,
            dataFormat: 'NHWC',
            filterShape: [c.kernelHeight, c.kernelWidth, c.inChannels, c.outChannels],
          };
          const reference = cpuReference('Conv2DBackpropFilter', { x, dy }, attrs);
          const ours = await runOnActiveBackend('Conv2DBackpropFilter', { x, dy }, attrs);
          expect(ours.shape).toEqual(reference.shape);
          expect(relativeError(ours.values, reference.values)).toBeLessThan(1e-4);
          expect(ours.leaked).toBe(0);
        }),
        { numRuns },
      );
    });

    if (backend === 'wasm') {
      it('Conv2DBackpropInput matches tfjs’s CPU kernel within 1e-4 and leaves no tensor behind', async () => {
        await fc.assert(
          fc.asyncProperty(convCase, async (c) => {
            const dy = randomValues(c.outShape, c.seed);
            const filter = randomValues([c.kernelHeight, c.kernelWidth, c.inChannels, c.outChannels], c.seed + 1);
            const attrs = {
              strides: [c.strideHeight, c.strideWidth],
              pad: c.pad,
              dataFormat: 'NHWC',
              inputShape: [c.batch, c.height, c.width, c.inChannels],
            };
            const reference = cpuReference('Conv2DBackpropInput', { dy, filter }, attrs);
            const ours = await runOnActiveBackend('Conv2DBackpropInput', { dy, filter }, attrs);
            expect(ours.shape).toEqual(reference.shape);
            expect(relativeError(ours.values, reference.values)).toBeLessThan(1e-4);
            expect(ours.leaked).toBe(0);
          }),
          { numRuns },
        );
      });
    }

    it('refuses dilation other than 1, naming it', () => {
      const x = tf.zeros([1, 6, 6, 2]);
      const dy = tf.zeros([1, 6, 6, 3]);
      const attrs = { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 2, 3], dilations: [2, 2] };
      expect(() => tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, attrs)).toThrow(/dilation \[2,2\] is not supported/);
      tf.dispose([x, dy]);
    });

    it('refuses channels-first data, naming it', () => {
      const x = tf.zeros([1, 6, 6, 2]);
      const dy = tf.zeros([1, 6, 6, 3]);
      const attrs = { strides: 1, pad: 'same', dataFormat: 'NCHW', filterShape: [3, 3, 2, 3] };
      expect(() => tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, attrs)).toThrow(/NCHW/);
      tf.dispose([x, dy]);
    });
  });
}

describeBackend('wasm');
describeBackend('cpu');
