import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Shape } from '../../graph/shape';
import type { TfjsBuildContext } from '../shared/tfjs';
import { SeparableConv2D, SeparableConv2DParams } from '.';
import { build } from './tfjs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function seeded(seed: number, slots: string[] = []): TfjsBuildContext {
  return {
    name: 'sep',
    initializer: (slot = 'kernel') => {
      slots.push(slot);
      return tf.initializers.glorotUniform({ seed: seed + slots.length });
    },
    seed,
  };
}

function tfjsFigures(input: Shape, params: SeparableConv2DParams): { shape: number[]; params: number } {
  const layer = build(params, seeded(1));
  const out = layer.apply(tf.input({ shape: [...input] })) as tf.SymbolicTensor;
  return { shape: out.shape.slice(1) as number[], params: layer.countParams() };
}

describe('SeparableConv2D', () => {
  it('takes Keras’s defaults: strides 1, valid, depth multiplier 1, linear, with bias', () => {
    expect(SeparableConv2DParams.parse({ filters: 8, kernelSize: 3 })).toEqual({
      filters: 8,
      kernelSize: 3,
      strides: 1,
      padding: 'valid',
      depthMultiplier: 1,
      activation: 'linear',
      useBias: true,
    });
    expect(SeparableConv2DParams.safeParse({ kernelSize: 3 }).success).toBe(false);
  });

  it('agrees with Keras and tfjs on shape and parameter count', () => {
    // Keras: SeparableConv2D(64, (3, 3), padding='same') on (28, 28, 32): model.summary() says
    // output (None, 28, 28, 64), Param # 2,400 = 3·3·32 depthwise + 32·64 pointwise + 64 biases
    // (by hand from Keras's depthwise kernel [3, 3, 32, 1], pointwise kernel [1, 1, 32, 64], bias [64]).
    const p = SeparableConv2DParams.parse({ filters: 64, kernelSize: 3, padding: 'same' });
    expect(SeparableConv2D.outputShape([[28, 28, 32]], p)).toEqual({ ok: true, shape: [28, 28, 64] });
    expect(SeparableConv2D.paramCount([[28, 28, 32]], p)).toEqual({ trainable: 2400, nonTrainable: 0 });
    expect(tfjsFigures([28, 28, 32], p)).toEqual({ shape: [28, 28, 64], params: 2400 });
    // A Conv2D(64, 3) there would have 3·3·32·64 + 64 = 18,496: the point of separating.

    // depth_multiplier=2, strides 2, valid on (15, 15, 3) → (7, 7, 10): 3·3·3·2 + 3·2·10 + 10 = 124.
    const q = SeparableConv2DParams.parse({ filters: 10, kernelSize: 3, strides: 2, depthMultiplier: 2 });
    expect(SeparableConv2D.outputShape([[15, 15, 3]], q)).toEqual({ ok: true, shape: [7, 7, 10] });
    expect(SeparableConv2D.paramCount([[15, 15, 3]], q)).toEqual({ trainable: 124, nonTrainable: 0 });
    expect(tfjsFigures([15, 15, 3], q)).toEqual({ shape: [7, 7, 10], params: 124 });
  });

  it('names the culprit and the fix: flat input, kernel larger than the input, unequal strides', () => {
    const p = SeparableConv2DParams.parse({ filters: 8, kernelSize: [3, 7] });
    const flat = SeparableConv2D.outputShape([[10]], p);
    expect(!flat.ok && flat.problem).toMatchObject({ code: 'expectsImage', values: { layer: 'SeparableConv2D', shape: '[10]' } });
    const tooLarge = SeparableConv2D.outputShape([[6, 6, 1]], p);
    expect(!tooLarge.ok && tooLarge.problem).toMatchObject({
      code: 'windowTooLarge',
      message: "SeparableConv2D's kernel 3×7 is larger than its 6×6 input under 'valid' padding, so the output would be empty: use padding 'same' or a smaller kernel",
      fix: { kind: 'setParam', param: 'padding', value: 'same' },
    });
    const uneven = SeparableConv2D.outputShape([[28, 28, 8]], SeparableConv2DParams.parse({ filters: 8, kernelSize: 3, strides: [1, 2] }));
    expect(!uneven.ok && uneven.problem).toMatchObject({ code: 'depthwiseStridesDiffer', fix: { param: 'strides', value: 1 } });
  });

  it('has a badge, window geometry, lessons and Keras code', () => {
    const p = SeparableConv2DParams.parse({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' });
    expect(SeparableConv2D.summary(p)).toBe('64 · 3×3 · ×1 · s1 · same · relu');
    expect(SeparableConv2D.window!(p)).toEqual({ window: [3, 3], strides: [1, 1], padding: 'same' });
    expect(SeparableConv2D.lessons!(p).map((l) => l.lesson)).toEqual(['convolution', 'stride', 'padding']);
    expect(SeparableConv2D.keras(p, "'sep1'")).toBe(
      "layers.SeparableConv2D(64, (3, 3), strides=(1, 1), padding='same', depth_multiplier=1, activation='relu', use_bias=True, name='sep1')",
    );
  });

  it('seeds its depthwise and pointwise kernels from their own slots: same seed, same weights', () => {
    const p = SeparableConv2DParams.parse({ filters: 4, kernelSize: 3 });
    const weights = (seed: number, slots: string[] = []) => {
      const layer = build(p, seeded(seed, slots));
      layer.apply(tf.input({ shape: [8, 8, 2] }));
      return layer.getWeights().slice(0, 2).map((w) => Array.from(w.dataSync()));
    };
    const slots: string[] = [];
    const a = weights(5, slots);
    expect(slots).toEqual(['depthwise', 'pointwise']);
    expect(weights(5)).toEqual(a);
    expect(weights(9)[0]).not.toEqual(a[0]);
  });
});
