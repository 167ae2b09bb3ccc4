import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Rescaling } from '.';
import { build } from './tfjs';

describe('Rescaling', () => {
  it('takes a scale and an offset (default 0), and names a value that is not a number', () => {
    expect(Rescaling.params.parse({ scale: 1 / 255 })).toEqual({ scale: 1 / 255, offset: 0 });
    expect(Rescaling.params.safeParse({ scale: '1/255' }).error?.issues[0]?.message).toBe('expected a number, got "1/255"');
    expect(Rescaling.keras({ scale: 2, offset: -1 }, "'s'")).toBe("layers.Rescaling(2, offset=-1, name='s')");
    expect(Rescaling.summary({ scale: 2, offset: -1 })).toBe('× 2 − 1');
    // Keras's model.summary() shows 0 params for Rescaling.
    expect(Rescaling.paramCount([[28, 28, 1]], { scale: 2, offset: -1 })).toEqual({ trainable: 0, nonTrainable: 0 });
    expect(Rescaling.outputShape([[64]], { scale: 2, offset: 0 })).toEqual({ ok: true, shape: [64] });
  });

  it('is active in training and at inference alike', () => {
    const layer = build({ scale: 2, offset: -1 }, { name: 's', seed: 1, initializer: () => undefined });
    const x = tf.tensor4d([0, 0.25, 0.5, 1], [1, 2, 2, 1]);
    for (const training of [true, false]) {
      const y = layer.apply(x, { training }) as tf.Tensor;
      expect(Array.from(y.dataSync())).toEqual([-1, -0.5, 0, 1]);
      y.dispose();
    }
    x.dispose();
  });
});
