import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Shape } from '../../graph/shape';
import { sizeArithmeticRows } from '../shared/window';
import type { TfjsBuildContext } from '../shared/tfjs';
import { Conv2DTranspose, Conv2DTransposeParams } from '.';
import { build } from './tfjs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function seeded(seed: number, slots: string[] = []): TfjsBuildContext {
  return {
    name: 'deconv',
    initializer: (slot = 'kernel') => {
      slots.push(slot);
      return tf.initializers.glorotUniform({ seed });
    },
    seed,
  };
}

function tfjsFigures(input: Shape, params: Conv2DTransposeParams): { shape: number[]; params: number } {
  const layer = build(params, seeded(1));
  const out = layer.apply(tf.input({ shape: [...input] })) as tf.SymbolicTensor;
  return { shape: out.shape.slice(1) as number[], params: layer.countParams() };
}

describe('Conv2DTranspose', () => {
  it('takes Keras’s defaults: strides 1, valid, linear, with bias', () => {
    expect(Conv2DTransposeParams.parse({ filters: 8, kernelSize: 3 })).toEqual({
      filters: 8,
      kernelSize: 3,
      strides: 1,
      padding: 'valid',
      activation: 'linear',
      useBias: true,
    });
  });

  it('agrees with Keras and tfjs on shape and parameter count (stride 2, same)', () => {
    // Keras: Conv2DTranspose(16, (3, 3), strides=(2, 2), padding='same') on (14, 14, 32):
    // model.summary() says output (None, 28, 28, 16), Param # 4,624 = 3·3·16·32 + 16
    // (by hand from Keras's kernel [3, 3, 16, 32] and bias [16]; the output is n·s under same).
    const p = Conv2DTransposeParams.parse({ filters: 16, kernelSize: 3, strides: 2, padding: 'same' });
    expect(Conv2DTranspose.outputShape([[14, 14, 32]], p)).toEqual({ ok: true, shape: [28, 28, 16] });
    expect(Conv2DTranspose.paramCount([[14, 14, 32]], p)).toEqual({ trainable: 4624, nonTrainable: 0 });
    expect(tfjsFigures([14, 14, 32], p)).toEqual({ shape: [28, 28, 16], params: 4624 });

    // valid: (n − 1)·s + max(k, s): (7 − 1)·2 + 3 = 15 and (7 − 1)·3 + max(2, 3) = 21, no bias: 3·2·4·1 = 24.
    const q = Conv2DTransposeParams.parse({ filters: 1, kernelSize: [3, 2], strides: [2, 3], useBias: false });
    expect(Conv2DTranspose.outputShape([[7, 7, 4]], q)).toEqual({ ok: true, shape: [15, 21, 1] });
    expect(Conv2DTranspose.paramCount([[7, 7, 4]], q)).toEqual({ trainable: 24, nonTrainable: 0 });
    expect(tfjsFigures([7, 7, 4], q)).toEqual({ shape: [15, 21, 1], params: 24 });
  });

  it('grows the image exactly as tfjs does for every kernel, stride and padding', () => {
    for (const padding of ['valid', 'same'] as const) {
      for (const n of [1, 2, 7, 14]) {
        for (const k of [1, 2, 3, 5]) {
          for (const s of [1, 2, 3, 4]) {
            const p = Conv2DTransposeParams.parse({ filters: 1, kernelSize: k, strides: s, padding });
            const ours = Conv2DTranspose.outputShape([[n, n, 1]], p);
            const theirs = tf.layers.conv2dTranspose({ filters: 1, kernelSize: k, strides: s, padding }).computeOutputShape([null, n, n, 1]) as number[];
            expect(ours, `n ${n}, k ${k}, s ${s}, ${padding}`).toEqual({ ok: true, shape: theirs.slice(1) });
          }
        }
      }
    }
  });

  it('names the culprit and the fix: a flat input, an output past the size limit', () => {
    const p = Conv2DTransposeParams.parse({ filters: 8, kernelSize: 3, strides: 2, padding: 'same' });
    const flat = Conv2DTranspose.outputShape([[128]], p);
    expect(!flat.ok && flat.problem).toMatchObject({
      code: 'expectsImage',
      message: 'Conv2DTranspose expects an image-shaped input [height, width, channels] but gets [128]: use an image-shaped Input, or insert a Reshape before it',
    });
    const huge = Conv2DTranspose.outputShape([[1024, 1024, 1]], Conv2DTransposeParams.parse({ filters: 1, kernelSize: 3, strides: 8, padding: 'same' }));
    expect(!huge.ok && huge.problem).toMatchObject({
      code: 'transposeTooLarge',
      message: 'Conv2DTranspose would output 8192×8192, more than 4,096 per side: use smaller strides or a smaller input',
      fix: { kind: 'setParam', param: 'strides', value: 1 },
    });
  });

  it('shows the growing size arithmetic (n − 1)·s + k − 2p with its numbers', () => {
    const same = Conv2DTransposeParams.parse({ filters: 8, kernelSize: 3, strides: 2, padding: 'same' });
    expect(sizeArithmeticRows([14, 14, 32], Conv2DTranspose.window!(same))).toEqual(['same: (14 − 1)·2 + 3 − 1 = 28']);
    const valid = Conv2DTransposeParams.parse({ filters: 8, kernelSize: 3, strides: 2 });
    expect(sizeArithmeticRows([14, 14, 32], Conv2DTranspose.window!(valid))).toEqual(['valid: (14 − 1)·2 + 3 = 29']);
    expect(Conv2DTranspose.outputShape([[14, 14, 32]], valid)).toEqual({ ok: true, shape: [29, 29, 8] });
  });

  it('has a badge, the kernel lesson and Keras code', () => {
    const p = Conv2DTransposeParams.parse({ filters: 16, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' });
    expect(Conv2DTranspose.summary(p)).toBe('16 · 3×3 · s2 · same · relu');
    expect(Conv2DTranspose.lessons!(p).map((l) => l.href)).toEqual(['/learn/convolution?kernel=3']);
    expect(Conv2DTranspose.keras(p, "'up1'")).toBe(
      "layers.Conv2DTranspose(16, (3, 3), strides=(2, 2), padding='same', activation='relu', use_bias=True, name='up1')",
    );
  });

  it('seeds its kernel from the “kernel” slot: same seed, same weights', () => {
    const p = Conv2DTransposeParams.parse({ filters: 4, kernelSize: 3, strides: 2 });
    const weights = (seed: number, slots: string[] = []) => {
      const layer = build(p, seeded(seed, slots));
      layer.apply(tf.input({ shape: [5, 5, 2] }));
      return Array.from(layer.getWeights()[0]!.dataSync());
    };
    const slots: string[] = [];
    const a = weights(5, slots);
    expect(slots).toEqual(['kernel']);
    expect(weights(5)).toEqual(a);
    expect(weights(6)).not.toEqual(a);
  });
});
