import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Softmax } from '.';
import { build } from './tfjs';

const params = (p: Record<string, unknown> = {}) => Softmax.params.parse(p);

describe('Softmax', () => {
  it("takes Keras's default axis -1 and has no parameters", () => {
    expect(params()).toEqual({ axis: -1 });
    expect(Softmax.paramCount([[10]], params())).toEqual({ trainable: 0, nonTrainable: 0 });
  });

  it('keeps the shape for the last axis, counted from either end', () => {
    expect(Softmax.outputShape([[10]], params())).toEqual({ ok: true, shape: [10] });
    expect(Softmax.outputShape([[4, 4, 3]], params({ axis: 3 }))).toEqual({ ok: true, shape: [4, 4, 3] });
  });

  it('names an axis the input does not have, with the fix -1', () => {
    const result = Softmax.outputShape([[4, 4, 3]], params({ axis: 4 }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.code).toBe('normalizeBadAxis');
    expect(result.problem.message).toContain("Softmax's axis 4 does not exist in its input [4, 4, 3]");
    expect(result.problem.fix).toEqual({ kind: 'setParam', param: 'axis', value: -1 });
  });

  it('names an axis that exists but is not the last (tfjs computes softmax only along the last), with the fix -1', () => {
    const result = Softmax.outputShape([[4, 4, 3]], params({ axis: 1 }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.code).toBe('softmaxAxisNotLast');
    expect(result.problem.values).toEqual({ axis: 1, shape: '[4, 4, 3]' });
    expect(result.problem.fix).toEqual({ kind: 'setParam', param: 'axis', value: -1 });
    // That is what tfjs does with it: it refuses to run.
    const layer = build(params({ axis: 1 }), { name: 'softmax_axis1', initializer: () => undefined, seed: null });
    expect(() => tf.tidy(() => layer.apply(tf.ones([1, 4, 4, 3])) as tf.Tensor)).toThrow(/non-last dimension/);
  });

  it('gives probabilities along the last axis in tfjs, with the axis written as a positive number too', () => {
    const layer = build(params({ axis: 2 }), { name: 'softmax_numeric', initializer: () => undefined, seed: null });
    const sums = tf.tidy(() => Array.from(tf.sum(layer.apply(tf.tensor([[[1, 2, 3], [0, 0, 9]]])) as tf.Tensor, -1).dataSync()));
    sums.forEach((s) => expect(s).toBeCloseTo(1, 5));
  });

  it('badges its axis and writes Keras code', () => {
    expect(Softmax.summary(params())).toBe('axis -1');
    expect(Softmax.keras(params(), "'softmax1'")).toBe("layers.Softmax(axis=-1, name='softmax1')");
  });
});
