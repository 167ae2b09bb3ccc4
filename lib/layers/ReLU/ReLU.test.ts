import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { ReLU } from '.';
import { build } from './tfjs';

const params = (p: Record<string, unknown> = {}) => ReLU.params.parse(p);

function run(p: Record<string, unknown>, values: number[]): number[] {
  const layer = build(params(p), { name: 'relu_numeric', initializer: () => undefined, seed: null });
  return tf.tidy(() => Array.from((layer.apply(tf.tensor2d([values])) as tf.Tensor).dataSync()));
}

describe('ReLU', () => {
  it("has no cap by default (Keras's max_value=None) and keeps the shape, with no parameters", () => {
    expect(params()).toEqual({});
    expect(ReLU.outputShape([[14, 14, 8]], params())).toEqual({ ok: true, shape: [14, 14, 8] });
    expect(ReLU.paramCount([[14, 14, 8]], params())).toEqual({ trainable: 0, nonTrainable: 0 });
  });

  it('caps at maxValue in tfjs: 6 gives ReLU6', () => {
    expect(run({ maxValue: 6 }, [-2, 3, 8])).toEqual([0, 3, 6]);
    expect(run({}, [-2, 3, 8])).toEqual([0, 3, 8]);
  });

  it('refuses a cap of 0 or below, or not a number, naming the value', () => {
    const negative = ReLU.params.safeParse({ maxValue: -1 });
    expect(!negative.success && negative.error.issues[0]!.message).toBe('expected a number above 0 (a cap of 0 makes every output 0), got -1');
    const zero = ReLU.params.safeParse({ maxValue: 0 });
    expect(!zero.success && zero.error.issues[0]!.message).toBe('expected a number above 0 (a cap of 0 makes every output 0), got 0');
    const text = ReLU.params.safeParse({ maxValue: 'six' });
    expect(!text.success && text.error.issues[0]!.message).toBe('expected a number above 0 (a cap of 0 makes every output 0), got "six"');
  });

  it('badges the cap and writes Keras code with max_value (None without a cap)', () => {
    expect(ReLU.summary(params({ maxValue: 6 }))).toBe('max 6');
    expect(ReLU.summary(params())).toBe('');
    expect(ReLU.keras(params({ maxValue: 6 }), "'relu1'")).toBe("layers.ReLU(max_value=6, name='relu1')");
    expect(ReLU.keras(params(), "'relu1'")).toBe("layers.ReLU(max_value=None, name='relu1')");
  });

  it('edits maxValue in an optional number field (empty: no cap)', () => {
    expect(ReLU.fields).toEqual([{ key: 'maxValue', kind: 'number', step: 1, min: 0, optional: true }]);
  });
});
