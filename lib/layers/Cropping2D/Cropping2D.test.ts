import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from './tfjs';
import { Cropping2D, type Cropping2DParams } from '.';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const params = (cropping?: unknown) => Cropping2D.params.parse(cropping === undefined ? {} : { cropping });

function tfjsShape(p: Cropping2DParams, input: number[]): (number | null)[] {
  const layer = build(p, { name: 'crop', initializer: () => undefined, seed: null });
  return (layer.apply(tf.input({ shape: input })) as tf.SymbolicTensor).shape.slice(1);
}

describe('Cropping2D', () => {
  it("takes Keras's default cropping 0 and writes ((top, bottom), (left, right))", () => {
    expect(params()).toEqual({ cropping: [[0, 0], [0, 0]] });
    expect(Cropping2D.keras(params([[0, 1], [2, 3]]), "'crop1'")).toBe("layers.Cropping2D(cropping=((0, 1), (2, 3)), name='crop1')");
    expect(Cropping2D.summary(params([[0, 1], [2, 3]]))).toBe('t0 b1 · l2 r3');
  });

  it.each([
    [undefined, [28, 28, 1], [28, 28, 1]],
    [2, [28, 28, 3], [24, 24, 3]],
    [[1, 3], [10, 10, 3], [8, 4, 3]],
    [[[0, 1], [2, 3]], [5, 7, 3], [4, 2, 3]],
  ])('cropping %j on %j gives %j, as tfjs does', (cropping, input, expected) => {
    const p = params(cropping);
    expect(Cropping2D.outputShape([input], p)).toEqual({ ok: true, shape: expected });
    expect(tfjsShape(p, input)).toEqual(expected);
  });

  it('cuts the sides asked for', () => {
    const layer = build(params([[1, 0], [0, 1]]), { name: 'crop', initializer: () => undefined, seed: null });
    const out = tf.tidy(() => (layer.apply(tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1])) as tf.Tensor).reshape([1, 1]).arraySync());
    expect(out).toEqual([[3]]);
  });

  it('has no weights (Keras: 0 params in model.summary())', () => {
    expect(Cropping2D.paramCount([[28, 28, 1]], params(2))).toEqual({ trainable: 0, nonTrainable: 0 });
  });

  it('refuses cropping everything, naming the rows or columns and the input', () => {
    expect(Cropping2D.outputShape([[28, 28, 1]], params([[15, 15], [0, 0]]))).toEqual({
      ok: false,
      problem: {
        code: 'cropsEverything',
        values: { side: 'rows', crop: 30, size: 28 },
        message: 'Cropping2D crops 30 rows from a 28-row input, leaving none: crop fewer rows',
      },
    });
    expect(Cropping2D.outputShape([[28, 10, 1]], params([0, 5]))).toMatchObject({
      ok: false,
      problem: { message: 'Cropping2D crops 10 columns from a 10-column input, leaving none: crop fewer columns' },
    });
  });

  it('refuses a flat input and bad cropping, naming them', () => {
    expect(Cropping2D.outputShape([[10]], params())).toMatchObject({ ok: false, problem: { code: 'expectsImage', values: { layer: 'Cropping2D', shape: '[10]' } } });
    expect(Cropping2D.params.safeParse({ cropping: [1, -1] }).error?.issues[0]?.message).toBe(
      'expected cropping as a whole number, [height, width] or [[top, bottom], [left, right]] of whole numbers from 0, got [1,-1]',
    );
  });
});
