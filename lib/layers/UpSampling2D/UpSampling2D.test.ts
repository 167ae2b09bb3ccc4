import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../graph';
import type { ArchitectureDocument, LayerNode } from '../../schema';
import { build } from './tfjs';
import { UpSampling2D, type UpSampling2DParams } from '.';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const params = (p: Partial<UpSampling2DParams> = {}) => UpSampling2D.params.parse(p);

function tfjsShape(p: UpSampling2DParams, input: number[]): (number | null)[] {
  const layer = build(p, { name: 'up', initializer: () => undefined, seed: null });
  return (layer.apply(tf.input({ shape: input })) as tf.SymbolicTensor).shape.slice(1);
}

describe('UpSampling2D', () => {
  it("takes Keras's defaults: size (2, 2), nearest", () => {
    expect(params()).toEqual({ size: 2, interpolation: 'nearest' });
    expect(UpSampling2D.keras(params(), "'up1'")).toBe("layers.UpSampling2D(size=(2, 2), interpolation='nearest', name='up1')");
    expect(UpSampling2D.keras(params({ size: [2, 3], interpolation: 'bilinear' }), "'up1'")).toBe(
      "layers.UpSampling2D(size=(2, 3), interpolation='bilinear', name='up1')",
    );
    expect(UpSampling2D.summary(params({ size: [2, 3], interpolation: 'bilinear' }))).toBe('2×3 · bilinear');
  });

  it.each([
    [{}, [14, 14, 8], [28, 28, 8]],
    [{ size: [2, 3] as [number, number] }, [7, 5, 3], [14, 15, 3]],
    [{ size: 4, interpolation: 'bilinear' as const }, [3, 3, 1], [12, 12, 1]],
  ])('%j on %j gives %j, as tfjs does', (p, input, expected) => {
    const parsed = params(p);
    expect(UpSampling2D.outputShape([input], parsed)).toEqual({ ok: true, shape: expected });
    expect(tfjsShape(parsed, input)).toEqual(expected);
  });

  it('has no weights (Keras: UpSampling2D shows 0 params in model.summary())', () => {
    expect(UpSampling2D.paramCount([[14, 14, 8]], params())).toEqual({ trainable: 0, nonTrainable: 0 });
  });

  it('repeats each value size times (nearest)', () => {
    const layer = build(params(), { name: 'up', initializer: () => undefined, seed: null });
    const out = tf.tidy(() => (layer.apply(tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1])) as tf.Tensor).reshape([4, 4]).arraySync());
    expect(out).toEqual([
      [1, 1, 2, 2],
      [1, 1, 2, 2],
      [3, 3, 4, 4],
      [3, 3, 4, 4],
    ]);
  });

  it('refuses a flat input, naming its shape', () => {
    const result = UpSampling2D.outputShape([[784]], params());
    expect(result).toMatchObject({ ok: false, problem: { code: 'expectsImage', message: 'UpSampling2D expects an image-shaped input [height, width, channels] but gets [784]: use an image-shaped Input, or insert a Reshape before it' } });
  });

  it('refuses a size over 64 per side, naming the limit', () => {
    expect(UpSampling2D.params.safeParse({ size: 65 }).error?.issues[0]?.message).toBe('expected a size of at most 64 per side, got 65');
    expect(UpSampling2D.params.safeParse({ interpolation: 'bicubic' }).error?.issues[0]?.message).toBe(
      "expected one of 'nearest', 'bilinear', got \"bicubic\"",
    );
  });

  it('refuses an image over 4,096 per side, offering the largest size that fits', () => {
    const result = UpSampling2D.outputShape([[1000, 300, 3]], params({ size: 8 }));
    expect(result).toEqual({
      ok: false,
      problem: {
        code: 'imageTooLarge',
        values: { layer: 'UpSampling2D', size: '8,000×2,400', limit: 4096 },
        message: 'UpSampling2D would make an image of 8,000×2,400, larger than the limit of 4,096 per side: use a smaller size',
        fix: { kind: 'setParam', param: 'size', value: 4 },
      },
    });
    expect(UpSampling2D.outputShape([[1000, 300, 3]], params({ size: 4 })).ok).toBe(true);
  });

  it('a chain of them is stopped at the layer that passes the limit', () => {
    const node = (id: string, type: LayerNode['type'], p: unknown): LayerNode => ({ id, type, params: p, position: { x: 0, y: 0 } }) as LayerNode;
    const doc: ArchitectureDocument = {
      version: 1,
      name: 't',
      nodes: [node('in', 'Input', { shape: [1500, 1500, 3] }), node('up1', 'UpSampling2D', params()), node('up2', 'UpSampling2D', params())],
      edges: [
        { id: 'e1', source: 'in', target: 'up1', targetHandle: 'in0' },
        { id: 'e2', source: 'up1', target: 'up2', targetHandle: 'in0' },
      ],
    };
    const a = analyzeGraph(doc);
    expect(a.nodes.up1!.outputShape).toEqual([3000, 3000, 3]);
    expect(a.nodes.up2!.issues.map((i) => i.code)).toContain('imageTooLarge');
  });
});
