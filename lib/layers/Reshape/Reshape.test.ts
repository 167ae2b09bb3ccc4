import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from './tfjs';
import { Reshape } from '.';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const params = (targetShape: unknown) => Reshape.params.parse({ targetShape });

function tfjsModelShape(targetShape: number[], input: number[]): (number | null)[] {
  const layer = build(params(targetShape), { name: 'reshape', initializer: () => undefined, seed: null });
  return (layer.apply(tf.input({ shape: input })) as tf.SymbolicTensor).shape.slice(1);
}

describe('Reshape', () => {
  it.each([
    [[7, 7, 16], [28, 28, 1], [7, 7, 16]],
    [[-1], [14, 14, 6], [1176]],
    [[7, -1, 16], [28, 28, 1], [7, 7, 16]],
    [[28, 28, 1], [784], [28, 28, 1]],
    [[-1, 3], [4, 4, 3], [16, 3]],
  ])('to %j from %j gives %j (the -1 inferred), as the tfjs layer in a model does', (target, input, expected) => {
    expect(Reshape.outputShape([input], params(target))).toEqual({ ok: true, shape: expected });
    expect(tfjsModelShape(target, input)).toEqual(expected);
  });

  it('lets a Dense follow an inferred -1 in a compiled model, and keeps the values in order', () => {
    const input = tf.input({ shape: [2, 2, 1] });
    const flat = build(params([-1]), { name: 'reshape', initializer: () => undefined, seed: null }).apply(input) as tf.SymbolicTensor;
    const dense = tf.layers.dense({ units: 3 }).apply(flat) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: dense });
    expect(model.countParams()).toBe(4 * 3 + 3);
    const reshaped = tf.model({ inputs: input, outputs: flat });
    const out = tf.tidy(() => (reshaped.predict(tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1])) as tf.Tensor).arraySync());
    expect(out).toEqual([[1, 2, 3, 4]]);
    model.dispose();
  });

  it('names both counts when they differ', () => {
    expect(Reshape.outputShape([[14, 14, 6]], params([7, 7, 16]))).toEqual({
      ok: false,
      problem: {
        code: 'reshapeCountDiffers',
        values: { target: '[7, 7, 16]', need: 784, count: 1176, shape: '[14, 14, 6]' },
        message: 'Reshape to [7, 7, 16] needs 784 values but gets 1,176 from [14, 14, 6]: make its dimensions multiply to 1,176, or put -1 for one of them',
      },
    });
  });

  it('says why a -1 cannot be inferred', () => {
    expect(Reshape.outputShape([[28, 28, 1]], params([-1, 5]))).toMatchObject({
      ok: false,
      problem: {
        code: 'reshapeNotDivisible',
        message: 'Reshape to [-1, 5] cannot infer its -1 from the 784 values of [28, 28, 1]: 784 is not a multiple of 5, the product of the other dimensions',
      },
    });
  });

  it('refuses two -1s, zeros, more than 3 dimensions and huge dimensions, naming the value', () => {
    const message = (v: unknown) => Reshape.params.safeParse({ targetShape: v }).error?.issues[0]?.message;
    expect(message([-1, -1])).toBe('expected at most one -1 (the inferred dimension), got [-1,-1]');
    expect(message([0, 7])).toBe('expected a shape of 1 to 3 positive integers (one of them may be -1, inferred), got [0,7]');
    expect(message([1, 2, 3, 4])).toMatch(/^expected a shape of 1 to 3 positive integers/);
    expect(message([])).toMatch(/^expected a shape of 1 to 3 positive integers/);
    expect(message([2_000_000])).toBe('expected each dimension to be at most 1,048,576, got [2000000]');
  });

  it('has no weights (Keras: Reshape shows 0 params in model.summary()), a badge and Keras code', () => {
    expect(Reshape.paramCount([[28, 28, 1]], params([-1]))).toEqual({ trainable: 0, nonTrainable: 0 });
    expect(Reshape.summary(params([7, 7, -1]))).toBe('→ [7, 7, -1]');
    expect(Reshape.keras(params([7, 7, -1]), "'reshape1'")).toBe("layers.Reshape((7, 7, -1), name='reshape1')");
    expect(Reshape.keras(params([-1]), "'reshape1'")).toBe("layers.Reshape((-1,), name='reshape1')");
  });
});
