import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Maximum } from '.';
import { build } from './tfjs';

describe('Maximum', () => {
  it('gives the one shape of 2 or more equal inputs, with no parameters', () => {
    expect(Maximum.outputShape([[6, 6, 4], [6, 6, 4]], {})).toEqual({ ok: true, shape: [6, 6, 4] });
    expect(Maximum.outputShape([[10], [10], [10]], {})).toEqual({ ok: true, shape: [10] });
    expect(Maximum.paramCount([[10], [10]], {})).toEqual({ trainable: 0, nonTrainable: 0 });
    expect(Maximum.inputs.min).toBe(2);
  });

  it('names every input shape when they differ', () => {
    const result = Maximum.outputShape([[6, 6, 4], [3, 3, 4]], {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.code).toBe('mergeShapesDiffer');
    expect(result.problem.values).toEqual({ layer: 'Maximum', shapes: '[6, 6, 4] + [3, 3, 4]' });
    expect(result.problem.message).toContain('Maximum needs inputs of one shape but gets [6, 6, 4] + [3, 3, 4]');
  });

  it('computes the element-wise maximum in tfjs', () => {
    const layer = build({}, { name: 'maximum_numeric', initializer: () => undefined, seed: null });
    const out = tf.tidy(() => Array.from((layer.apply([tf.tensor2d([[1, 2]]), tf.tensor2d([[3, 0]])]) as tf.Tensor).dataSync()));
    expect(out).toEqual([3, 2]);
  });

  it('writes Keras code named after the node', () => {
    expect(Maximum.keras({}, "'maximum1'")).toBe("layers.Maximum(name='maximum1')");
  });
});
