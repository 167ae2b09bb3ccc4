import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { LayerNormalization } from '.';
import { build } from './tfjs';

const params = (p: Record<string, unknown> = {}) => LayerNormalization.params.parse(p);

/** tfjs's own count of the layer's weights on an input of this shape. */
function tfjsCount(shape: number[], p: Record<string, unknown>): number {
  const layer = build(params(p), { name: 'ln_probe', initializer: () => undefined, seed: null });
  layer.apply(tf.input({ shape }));
  const count = layer.countParams();
  layer.dispose();
  return count;
}

describe('LayerNormalization', () => {
  it("takes Keras's defaults from {}: axis -1, epsilon 0.001", () => {
    expect(params()).toEqual({ axis: -1, epsilon: 0.001 });
  });

  it('counts 2·C parameters over the channels of [h, w, C], as Keras and tfjs do', () => {
    // Keras: keras.Input((28, 28, 16)) -> layers.LayerNormalization() gives
    // "Total params: 32" in model.summary(): gamma (16,) and beta (16,),
    // both trainable (Keras's LayerNormalization.build makes each of shape
    // input_shape[axis]); computed by hand from that definition.
    expect(LayerNormalization.paramCount([[28, 28, 16]], params())).toEqual({ trainable: 32, nonTrainable: 0 });
    expect(tfjsCount([28, 28, 16], {})).toBe(32);
    // Over the height (axis 1) of [28, 28, 16]: gamma and beta of 28 each.
    expect(LayerNormalization.paramCount([[28, 28, 16]], params({ axis: 1 }))).toEqual({ trainable: 56, nonTrainable: 0 });
    expect(tfjsCount([28, 28, 16], { axis: 1 })).toBe(56);
  });

  it('keeps the shape of its input', () => {
    expect(LayerNormalization.outputShape([[7, 7, 32]], params())).toEqual({ ok: true, shape: [7, 7, 32] });
    expect(LayerNormalization.outputShape([[64]], params())).toEqual({ ok: true, shape: [64] });
  });

  it('names an axis the input does not have, with the fix -1', () => {
    for (const axis of [4, -4]) {
      const result = LayerNormalization.outputShape([[28, 28, 16]], params({ axis }));
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.problem.code).toBe('normalizeBadAxis');
      expect(result.problem.values).toMatchObject({ layer: 'LayerNormalization', axis, shape: '[28, 28, 16]', rank: 3 });
      expect(result.problem.message).toContain(`axis ${axis} does not exist in its input [28, 28, 16]`);
      expect(result.problem.fix).toEqual({ kind: 'setParam', param: 'axis', value: -1 });
    }
  });

  it('refuses the batch axis and a non-positive epsilon with plain messages', () => {
    const axis = LayerNormalization.params.safeParse({ axis: 0 });
    expect(!axis.success && axis.error.issues[0]!.message).toBe('expected a non-zero integer axis (-1 is the last; 0 is the batch), got 0');
    const epsilon = LayerNormalization.params.safeParse({ epsilon: 0 });
    expect(!epsilon.success && epsilon.error.issues[0]!.message).toBe('expected a number in (0, 1], got 0');
  });

  it('normalises each example along the axis in tfjs (mean 0, variance 1 before gamma and beta)', () => {
    const layer = build(params(), { name: 'ln_numeric', initializer: () => undefined, seed: null });
    const out = tf.tidy(() => {
      const y = layer.apply(tf.tensor([[[1, 2, 3, 6]], [[10, 10, 10, 30]]], [2, 1, 4])) as tf.Tensor;
      const { mean, variance } = tf.moments(y, -1);
      return [Array.from(mean.dataSync()), Array.from(variance.dataSync())];
    });
    out[0]!.forEach((m) => expect(m).toBeCloseTo(0, 5));
    out[1]!.forEach((v) => expect(v).toBeCloseTo(1, 2));
    layer.dispose();
  });

  it('badges its axis and epsilon, and writes Keras code', () => {
    expect(LayerNormalization.summary(params({ axis: 1 }))).toBe('axis 1 · ε 0.001');
    expect(LayerNormalization.keras(params(), "'ln1'")).toBe("layers.LayerNormalization(axis=-1, epsilon=0.001, name='ln1')");
  });
});
