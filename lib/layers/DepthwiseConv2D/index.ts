import { z } from 'zod';
import type { LayerProblem } from '../../graph/issues';
import { shapeError } from '../../graph/issues';
import { formatPair, toPair, type Pair } from '../../graph/shape';
import { defineLayer } from '../shared/define';
import { activationField, paddingField, useBiasField } from '../shared/fields';
import { convolutionLessons } from '../shared/lessons';
import { activation, booleanParam, padding, PARAM_LIMITS, positiveIntUpTo, sizePair } from '../shared/params';
import { pyBool, pyTuple, pythonString } from '../shared/python';
import { expectImage, kernelWindow, slideWindow, squareOf, strideBadge } from '../shared/window';

/** Output channels per input channel, up to PARAM_LIMITS.depthMultiplier (the inspector names that limit). */
export const depthMultiplier = positiveIntUpTo(PARAM_LIMITS.depthMultiplier);

export const DepthwiseConv2DParams = z.strictObject({
  kernelSize: sizePair,
  strides: sizePair.default(1),
  padding: padding.default('valid'),
  depthMultiplier: depthMultiplier.default(1),
  activation: activation.default('linear'),
  useBias: booleanParam.default(true),
});
export type DepthwiseConv2DParams = z.infer<typeof DepthwiseConv2DParams>;

/**
 * TensorFlow's depthwise convolution (which Keras's DepthwiseConv2D and
 * SeparableConv2D run on) refuses different strides for height and width, so
 * the exported Keras code would not run: refused here, on the node.
 */
export function equalStrides(type: string, strides: Pair): LayerProblem | null {
  const [sh, sw] = strides;
  if (sh === sw) return null;
  return {
    code: 'depthwiseStridesDiffer',
    values: { layer: type, strides: formatPair(strides) },
    message: `${type}'s strides ${formatPair(strides)} differ, but TensorFlow's depthwise convolution needs the same stride for height and width: use strides ${sh}`,
    fix: { kind: 'setParam', param: 'strides', value: sh },
  };
}

export const DepthwiseConv2D = defineLayer({
  type: 'DepthwiseConv2D',
  category: 'convolution',
  paletteRank: 20,
  idPrefix: 'dwconv',
  params: DepthwiseConv2DParams,
  initialParams: { kernelSize: 3, strides: 1, padding: 'same', depthMultiplier: 1, activation: 'linear', useBias: true },
  inputs: { min: 1, max: 1 },
  outputShape(inputs, p) {
    const input = inputs[0];
    const problem = expectImage('DepthwiseConv2D', input) ?? equalStrides('DepthwiseConv2D', toPair(p.strides));
    if (problem || !input) return shapeError(problem!);
    // Each input channel gets its own depthMultiplier kernels: [h', w', c·m].
    return slideWindow('DepthwiseConv2D', input, toPair(p.kernelSize), toPair(p.strides), p.padding, input[2]! * p.depthMultiplier, 'kernel');
  },
  paramCount(inputs, p) {
    const channelsOut = (inputs[0]?.[2] ?? 0) * p.depthMultiplier;
    const [kh, kw] = toPair(p.kernelSize);
    return { trainable: kh * kw * channelsOut + (p.useBias ? channelsOut : 0), nonTrainable: 0 };
  },
  summary(p) {
    const [kh, kw] = toPair(p.kernelSize);
    return `${kh}×${kw} · ×${p.depthMultiplier} · ${strideBadge(p.strides)} · ${p.padding} · ${p.activation}`;
  },
  spoken: (p) => ({ kernel: squareOf(p.kernelSize), multiplier: p.depthMultiplier, stride: squareOf(p.strides), padding: p.padding, activation: p.activation }),
  fields: [
    { key: 'kernelSize', kind: 'pair' },
    { key: 'strides', kind: 'pair' },
    paddingField,
    { key: 'depthMultiplier', kind: 'int' },
    activationField,
    useBiasField,
  ],
  window: kernelWindow,
  lessons: (p) => convolutionLessons(kernelWindow(p)),
  featureMaps: true,
  keras: (p, name) =>
    `layers.DepthwiseConv2D(${pyTuple(toPair(p.kernelSize))}, strides=${pyTuple(toPair(p.strides))}, padding=${pythonString(p.padding)}, depth_multiplier=${p.depthMultiplier}, activation=${pythonString(p.activation)}, use_bias=${pyBool(p.useBias)}, name=${name})`,
});
