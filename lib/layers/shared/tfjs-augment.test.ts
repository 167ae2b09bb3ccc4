import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { fillModes } from './augment';
import { bilinearTaps, drawsFor, rotationTransform, transformImages, translationTransform, zoomTransform, type Transform } from './tfjs-augment';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const image = (h: number, w: number, seed: number) => {
  const u = drawsFor(seed, 0);
  return tf.tensor4d(Array.from({ length: h * w * 2 }, () => u()), [1, h, w, 2]);
};

describe('transformImages', () => {
  it('agrees with TensorFlow’s projective transform (tfjs’s CPU port) on one image, for every fill mode', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        fc.constantFrom(...fillModes),
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: 0.5, max: 1.6, noNaN: true }),
        fc.double({ min: -4, max: 4, noNaN: true }),
        fc.integer({ min: 1, max: 1000 }),
        async (h, w, fillMode, turns, zoom, shift, seed) => {
          const x = image(h, w, seed);
          // Rotation, then zoom and shift folded into one matrix: any affine map.
          const r = rotationTransform(turns * Math.PI, h, w);
          // In float32, as the reference's transform tensor holds it (a 5e-324 offset is 0 there, not just below 0).
          const t = [r[0] * zoom, r[1] * zoom, r[2] + shift, r[3] * zoom, r[4] * zoom, r[5] - shift, 0, 0].map(Math.fround) as Transform;
          const ours = transformImages(x, [t], fillMode);
          const reference = tf.image.transform(x, tf.tensor2d([t]), 'bilinear', fillMode, 0);
          const a = await ours.data();
          const b = await reference.data();
          a.forEach((v, i) => expect(v).toBeCloseTo(b[i]!, 4));
          tf.dispose([x, ours, reference]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('transforms every image of a batch with its own matrix (tfjs’s CPU kernel leaves all but the first at 0)', () => {
    const x = tf.concat([image(6, 6, 1), image(6, 6, 2), image(6, 6, 3)]) as tf.Tensor4D;
    const transforms = [translationTransform(1, 0), zoomTransform(0.8, 0.8, 6, 6), rotationTransform(0.4, 6, 6)];
    const batch = transformImages(x, transforms, 'reflect').arraySync();
    transforms.forEach((t, i) => {
      const one = tf.slice(x, [i, 0, 0, 0], [1, 6, 6, 2]);
      const alone = transformImages(one, [t], 'reflect').arraySync()[0];
      expect(batch[i]).toEqual(alone);
    });
  });

  it('its gradient equals tfjs’s own gradient of the same gather (each tap hands back its weight’s share)', async () => {
    const x = tf.concat([image(5, 7, 1), image(5, 7, 2)]) as tf.Tensor4D;
    const transforms = [rotationTransform(0.5, 5, 7), zoomTransform(0.7, 1.2, 5, 7)];
    const r = image(5, 7, 9).tile([2, 1, 1, 1]);
    const ours = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(transformImages(v as tf.Tensor4D, transforms, 'reflect'), r)))(x);
    const { indices, weights } = bilinearTaps(transforms, 5, 7, 'reflect');
    const reference = tf.grad((v: tf.Tensor) => {
      const taps = tf.reshape(tf.gather(tf.reshape(v, [70, 2]), tf.tensor1d(indices, 'int32')), [4, 70, 2]);
      return tf.sum(tf.mul(tf.reshape(tf.sum(tf.mul(taps, tf.tensor3d(weights, [4, 70, 1])), 0), [2, 5, 7, 2]), r));
    })(x);
    const a = await ours.data();
    const b = await reference.data();
    expect(Math.max(...Array.from(b, Math.abs))).toBeGreaterThan(0.1);
    a.forEach((v, i) => expect(v).toBeCloseTo(b[i]!, 5));
    tf.dispose([x, r, ours, reference]);
  });

  it('leaks no tensor', () => {
    const x = image(5, 5, 4);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 10; i++) transformImages(x, [rotationTransform(i, 5, 5)], 'wrap').dispose();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
