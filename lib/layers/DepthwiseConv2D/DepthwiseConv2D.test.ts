import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../graph';
import { parseArchitectureDocument } from '../../schema';
import type { Shape } from '../../graph/shape';
import { exceededLimit } from '../shared/params';
import type { TfjsBuildContext } from '../shared/tfjs';
import { DepthwiseConv2D, DepthwiseConv2DParams } from '.';
import { build } from './tfjs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function seeded(seed: number, slots: string[] = []): TfjsBuildContext {
  return {
    name: 'dw',
    initializer: (slot = 'kernel') => {
      slots.push(slot);
      return tf.initializers.glorotUniform({ seed });
    },
    seed,
  };
}

/** What tfjs builds for this input: output shape (without batch) and parameter count. */
function tfjsFigures(input: Shape, params: DepthwiseConv2DParams): { shape: number[]; params: number } {
  const layer = build(params, seeded(1));
  const out = layer.apply(tf.input({ shape: [...input] })) as tf.SymbolicTensor;
  return { shape: out.shape.slice(1) as number[], params: layer.countParams() };
}

describe('DepthwiseConv2D', () => {
  it('takes Keras’s defaults: strides 1, valid, depth multiplier 1, linear, with bias', () => {
    expect(DepthwiseConv2DParams.parse({ kernelSize: 3 })).toEqual({
      kernelSize: 3,
      strides: 1,
      padding: 'valid',
      depthMultiplier: 1,
      activation: 'linear',
      useBias: true,
    });
    expect(DepthwiseConv2DParams.safeParse({ kernelSize: 3, depthMultiplier: 0 }).error?.issues[0]?.message).toBe('expected a positive integer, got 0');
    expect(DepthwiseConv2DParams.safeParse({ kernelSize: 3, depthMultiplier: 65 }).error?.issues[0]?.message).toBe('expected at most 64, got 65');
    // The inspector names the limit in the user's language from this.
    expect(exceededLimit('depthMultiplier', 65)).toBe(64);
    expect(exceededLimit('depthMultiplier', 64)).toBeNull();
  });

  it('agrees with Keras and tfjs on shape and parameter count', () => {
    // Keras: DepthwiseConv2D((3, 3), padding='same') on (28, 28, 32): model.summary() says
    // output (None, 28, 28, 32), Param # 320 = 3·3·32 depthwise weights + 32 biases
    // (worked out by hand from Keras's kernel [3, 3, 32, 1] and bias [32]).
    const p = DepthwiseConv2DParams.parse({ kernelSize: 3, padding: 'same' });
    expect(DepthwiseConv2D.outputShape([[28, 28, 32]], p)).toEqual({ ok: true, shape: [28, 28, 32] });
    expect(DepthwiseConv2D.paramCount([[28, 28, 32]], p)).toEqual({ trainable: 320, nonTrainable: 0 });
    expect(tfjsFigures([28, 28, 32], p)).toEqual({ shape: [28, 28, 32], params: 320 });

    // depth_multiplier=2, strides 2, valid, no bias on (15, 15, 8): output (None, 7, 7, 16), Param # 3·3·8·2 = 144.
    const q = DepthwiseConv2DParams.parse({ kernelSize: 3, strides: 2, depthMultiplier: 2, useBias: false });
    expect(DepthwiseConv2D.outputShape([[15, 15, 8]], q)).toEqual({ ok: true, shape: [7, 7, 16] });
    expect(DepthwiseConv2D.paramCount([[15, 15, 8]], q)).toEqual({ trainable: 144, nonTrainable: 0 });
    expect(tfjsFigures([15, 15, 8], q)).toEqual({ shape: [7, 7, 16], params: 144 });
  });

  it('names the culprit and the fix: flat input, kernel larger than the input, unequal strides', () => {
    const p = DepthwiseConv2DParams.parse({ kernelSize: 5 });
    const flat = DepthwiseConv2D.outputShape([[784]], p);
    expect(!flat.ok && flat.problem.message).toBe(
      'DepthwiseConv2D expects an image-shaped input [height, width, channels] but gets [784]: use an image-shaped Input, or insert a Reshape before it',
    );
    const tooLarge = DepthwiseConv2D.outputShape([[3, 3, 8]], p);
    expect(!tooLarge.ok && tooLarge.problem).toMatchObject({
      code: 'windowTooLarge',
      message: "DepthwiseConv2D's kernel 5×5 is larger than its 3×3 input under 'valid' padding, so the output would be empty: use padding 'same' or a smaller kernel",
      fix: { kind: 'setParam', param: 'padding', value: 'same' },
    });
    const uneven = DepthwiseConv2D.outputShape([[28, 28, 8]], DepthwiseConv2DParams.parse({ kernelSize: 3, strides: [2, 1] }));
    expect(!uneven.ok && uneven.problem).toMatchObject({
      code: 'depthwiseStridesDiffer',
      message: "DepthwiseConv2D's strides 2×1 differ, but TensorFlow's depthwise convolution needs the same stride for height and width: use strides 2",
      fix: { kind: 'setParam', param: 'strides', value: 2 },
    });
  });

  it('shows the error on its node in a graph, and the fix makes it valid', () => {
    const doc = (strides: unknown) => {
      const parsed = parseArchitectureDocument({
        version: 1,
        name: 't',
        nodes: [
          { id: 'in', type: 'Input', params: { shape: [28, 28, 1] }, position: { x: 0, y: 0 } },
          { id: 'dw', type: 'DepthwiseConv2D', params: { kernelSize: 3, strides }, position: { x: 0, y: 100 } },
        ],
        edges: [{ id: 'e', source: 'in', target: 'dw', targetHandle: 'in0' }],
      });
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
      return parsed.document;
    };
    const issue = analyzeGraph(doc([2, 1])).issues.find((i) => i.nodeId === 'dw');
    expect(issue).toMatchObject({ severity: 'error', code: 'depthwiseStridesDiffer', values: { layer: 'DepthwiseConv2D', strides: '2×1' }, fix: { param: 'strides', value: 2 } });
    expect(analyzeGraph(doc(2)).nodes.dw?.outputShape).toEqual([13, 13, 1]);
  });

  it('has a badge, window geometry, lessons and Keras code', () => {
    const p = DepthwiseConv2DParams.parse({ kernelSize: 3, strides: 2, padding: 'same', depthMultiplier: 2, activation: 'relu6' });
    expect(DepthwiseConv2D.summary(p)).toBe('3×3 · ×2 · s2 · same · relu6');
    expect(DepthwiseConv2D.window!(p)).toEqual({ window: [3, 3], strides: [2, 2], padding: 'same' });
    expect(DepthwiseConv2D.lessons!(p).map((l) => l.href)).toEqual([
      '/learn/convolution?kernel=3&stride=2&padding=same',
      '/learn/stride?kernel=3&stride=2&padding=same',
      '/learn/padding?kernel=3&stride=2&padding=same',
    ]);
    expect(DepthwiseConv2D.keras(p, "'dw1'")).toBe(
      "layers.DepthwiseConv2D((3, 3), strides=(2, 2), padding='same', depth_multiplier=2, activation='relu6', use_bias=True, name='dw1')",
    );
  });

  it('seeds its depthwise kernel from the “depthwise” slot: same seed, same weights', () => {
    const p = DepthwiseConv2DParams.parse({ kernelSize: 3 });
    const weights = (seed: number, slots: string[] = []) => {
      const layer = build(p, seeded(seed, slots));
      layer.apply(tf.input({ shape: [8, 8, 4] }));
      return Array.from(layer.getWeights()[0]!.dataSync());
    };
    const slots: string[] = [];
    const a = weights(5, slots);
    expect(slots).toEqual(['depthwise']);
    expect(weights(5)).toEqual(a);
    expect(weights(6)).not.toEqual(a);
  });
});
