import { z } from 'zod';
import { shapeError } from '../../graph/issues';
import { toPair } from '../../graph/shape';
import { depthMultiplier, equalStrides } from '../DepthwiseConv2D';
import { defineLayer } from '../shared/define';
import { activationField, paddingField, useBiasField } from '../shared/fields';
import { convolutionLessons } from '../shared/lessons';
import { activation, booleanParam, padding, positiveInt, sizePair } from '../shared/params';
import { pyBool, pyTuple, pythonString } from '../shared/python';
import { expectImage, kernelWindow, slideWindow, squareOf, strideBadge } from '../shared/window';

export const SeparableConv2DParams = z.strictObject({
  filters: positiveInt,
  kernelSize: sizePair,
  strides: sizePair.default(1),
  padding: padding.default('valid'),
  depthMultiplier: depthMultiplier.default(1),
  activation: activation.default('linear'),
  useBias: booleanParam.default(true),
});
export type SeparableConv2DParams = z.infer<typeof SeparableConv2DParams>;

/** A depthwise convolution (one kernel per channel) followed by a 1×1 pointwise convolution that mixes channels. */
export const SeparableConv2D = defineLayer({
  type: 'SeparableConv2D',
  category: 'convolution',
  paletteRank: 30,
  idPrefix: 'sepconv',
  params: SeparableConv2DParams,
  initialParams: { filters: 32, kernelSize: 3, strides: 1, padding: 'same', depthMultiplier: 1, activation: 'relu', useBias: true },
  inputs: { min: 1, max: 1 },
  outputShape(inputs, p) {
    const input = inputs[0];
    const problem = expectImage('SeparableConv2D', input) ?? equalStrides('SeparableConv2D', toPair(p.strides));
    if (problem || !input) return shapeError(problem!);
    return slideWindow('SeparableConv2D', input, toPair(p.kernelSize), toPair(p.strides), p.padding, p.filters, 'kernel');
  },
  paramCount(inputs, p) {
    const channelsIn = inputs[0]?.[2] ?? 0;
    const [kh, kw] = toPair(p.kernelSize);
    const depthwise = kh * kw * channelsIn * p.depthMultiplier;
    const pointwise = channelsIn * p.depthMultiplier * p.filters;
    return { trainable: depthwise + pointwise + (p.useBias ? p.filters : 0), nonTrainable: 0 };
  },
  summary(p) {
    const [kh, kw] = toPair(p.kernelSize);
    return `${p.filters} · ${kh}×${kw} · ×${p.depthMultiplier} · ${strideBadge(p.strides)} · ${p.padding} · ${p.activation}`;
  },
  spoken: (p) => ({ filters: p.filters, kernel: squareOf(p.kernelSize), multiplier: p.depthMultiplier, stride: squareOf(p.strides), padding: p.padding, activation: p.activation }),
  fields: [
    { key: 'filters', kind: 'int' },
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
    `layers.SeparableConv2D(${p.filters}, ${pyTuple(toPair(p.kernelSize))}, strides=${pyTuple(toPair(p.strides))}, padding=${pythonString(p.padding)}, depth_multiplier=${p.depthMultiplier}, activation=${pythonString(p.activation)}, use_bias=${pyBool(p.useBias)}, name=${name})`,
});
