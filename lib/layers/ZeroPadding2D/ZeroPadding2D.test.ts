import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from './tfjs';
import { ZeroPadding2D, type ZeroPadding2DParams } from '.';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const params = (padding?: unknown) => ZeroPadding2D.params.parse(padding === undefined ? {} : { padding });

function tfjsShape(p: ZeroPadding2DParams, input: number[]): (number | null)[] {
  const layer = build(p, { name: 'pad', initializer: () => undefined, seed: null });
  return (layer.apply(tf.input({ shape: input })) as tf.SymbolicTensor).shape.slice(1);
}

describe('ZeroPadding2D', () => {
  it("takes Keras's default padding 1 and writes ((top, bottom), (left, right))", () => {
    expect(params()).toEqual({ padding: [[1, 1], [1, 1]] });
    expect(ZeroPadding2D.keras(params(), "'pad1'")).toBe("layers.ZeroPadding2D(padding=((1, 1), (1, 1)), name='pad1')");
    expect(ZeroPadding2D.keras(params([[0, 1], [2, 3]]), "'pad1'")).toBe("layers.ZeroPadding2D(padding=((0, 1), (2, 3)), name='pad1')");
    expect(ZeroPadding2D.summary(params([2, 3]))).toBe('2×3');
  });

  it.each([
    [undefined, [28, 28, 1], [30, 30, 1]],
    [2, [5, 7, 3], [9, 11, 3]],
    [[1, 3], [5, 7, 3], [7, 13, 3]],
    [[[0, 1], [2, 3]], [5, 7, 3], [6, 12, 3]],
  ])('padding %j on %j gives %j, as tfjs does', (padding, input, expected) => {
    const p = params(padding);
    expect(ZeroPadding2D.outputShape([input], p)).toEqual({ ok: true, shape: expected });
    expect(tfjsShape(p, input)).toEqual(expected);
  });

  it('puts the zeros on the sides asked for', () => {
    const layer = build(params([[0, 1], [1, 0]]), { name: 'pad', initializer: () => undefined, seed: null });
    const out = tf.tidy(() => (layer.apply(tf.ones([1, 1, 1, 1])) as tf.Tensor).reshape([2, 2]).arraySync());
    expect(out).toEqual([
      [0, 1],
      [0, 0],
    ]);
  });

  it('has no weights (Keras: 0 params in model.summary())', () => {
    expect(ZeroPadding2D.paramCount([[28, 28, 1]], params())).toEqual({ trainable: 0, nonTrainable: 0 });
  });

  it('refuses a flat input, naming its shape', () => {
    expect(ZeroPadding2D.outputShape([[10]], params())).toMatchObject({ ok: false, problem: { code: 'expectsImage', values: { layer: 'ZeroPadding2D', shape: '[10]' } } });
  });

  it('refuses padding that would make an image over 4,096 per side, naming the size and the limit', () => {
    expect(ZeroPadding2D.outputShape([[4000, 28, 1]], params([[50, 50], [0, 0]]))).toMatchObject({
      ok: false,
      problem: { code: 'imageTooLarge', message: 'ZeroPadding2D would make an image of 4,100×28, larger than the limit of 4,096 per side: pad less' },
    });
    expect(ZeroPadding2D.params.safeParse({ padding: 5000 }).error?.issues[0]?.message).toBe('expected padding of at most 4,096 per side, got 5000');
  });
});
