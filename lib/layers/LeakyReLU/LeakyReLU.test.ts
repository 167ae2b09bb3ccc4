import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { LeakyReLU } from '.';
import { build } from './tfjs';

const params = (p: Record<string, unknown> = {}) => LeakyReLU.params.parse(p);

describe('LeakyReLU', () => {
  it("takes the slope 0.3 by default (Keras 2's alpha, Keras 3's negative_slope, tfjs's alpha)", () => {
    expect(params()).toEqual({ alpha: 0.3 });
    expect(LeakyReLU.outputShape([[5, 5, 2]], params())).toEqual({ ok: true, shape: [5, 5, 2] });
    expect(LeakyReLU.paramCount([[5, 5, 2]], params())).toEqual({ trainable: 0, nonTrainable: 0 });
  });

  it('multiplies negative values by the slope in tfjs', () => {
    const layer = build(params({ alpha: 0.1 }), { name: 'lrelu_numeric', initializer: () => undefined, seed: null });
    const out = tf.tidy(() => Array.from((layer.apply(tf.tensor2d([[-2, 0, 3]])) as tf.Tensor).dataSync()));
    expect(out[0]).toBeCloseTo(-0.2, 6);
    expect(out.slice(1)).toEqual([0, 3]);
  });

  it('refuses a negative slope, naming it', () => {
    const result = LeakyReLU.params.safeParse({ alpha: -0.1 });
    expect(!result.success && result.error.issues[0]!.message).toBe('expected a number of 0 or more, got -0.1');
  });

  it('badges the slope and writes Keras code with the slope by position (alpha in Keras 2, negative_slope in Keras 3)', () => {
    expect(LeakyReLU.summary(params())).toBe('α 0.3');
    expect(LeakyReLU.keras(params({ alpha: 0.2 }), "'lrelu1'")).toBe("layers.LeakyReLU(0.2, name='lrelu1')");
  });
});
