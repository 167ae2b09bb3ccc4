import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from './tfjs';
import { GlobalMaxPooling2D } from '.';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('GlobalMaxPooling2D', () => {
  it('keeps one value per channel, as tfjs does', () => {
    expect(GlobalMaxPooling2D.outputShape([[7, 5, 16]], {})).toEqual({ ok: true, shape: [16] });
    const layer = build({}, { name: 'gmp', initializer: () => undefined, seed: null });
    expect((layer.apply(tf.input({ shape: [7, 5, 16] })) as tf.SymbolicTensor).shape).toEqual([null, 16]);
  });

  it('keeps the largest value of each channel', () => {
    const layer = build({}, { name: 'gmp', initializer: () => undefined, seed: null });
    const out = tf.tidy(() => (layer.apply(tf.tensor4d([1, -5, 7, 2, -3, 0, 4, 9], [1, 2, 2, 2])) as tf.Tensor).arraySync());
    expect(out).toEqual([[7, 9]]);
  });

  it('has no weights (Keras: 0 params in model.summary()), sits in the pooling group and writes Keras code', () => {
    expect(GlobalMaxPooling2D.paramCount([[7, 7, 16]], {})).toEqual({ trainable: 0, nonTrainable: 0 });
    expect(GlobalMaxPooling2D.category).toBe('pooling');
    expect(GlobalMaxPooling2D.keras({}, "'gmp1'")).toBe("layers.GlobalMaxPooling2D(name='gmp1')");
  });

  it('refuses a flat input, naming its shape', () => {
    expect(GlobalMaxPooling2D.outputShape([[64]], {})).toMatchObject({
      ok: false,
      problem: { code: 'expectsImage', message: 'GlobalMaxPooling2D expects an image-shaped input [height, width, channels] but gets [64]: use an image-shaped Input, or insert a Reshape before it' },
    });
  });
});
