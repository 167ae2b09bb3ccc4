import { z } from 'zod';
import { shapeError } from '../../graph/issues';
import { toPair } from '../../graph/shape';
import { defineLayer } from '../shared/define';
import { activationField, paddingField, useBiasField } from '../shared/fields';
import { convolutionLessons } from '../shared/lessons';
import { activation, booleanParam, padding, positiveInt, sizePair } from '../shared/params';
import { pyActivation, pyBool, pyTuple, pythonString } from '../shared/python';
import { expectImage, kernelWindow, slideWindow, squareOf, strideBadge } from '../shared/window';

export const Conv2DParams = z.strictObject({
  filters: positiveInt,
  kernelSize: sizePair,
  strides: sizePair.default(1),
  padding: padding.default('valid'),
  activation: activation.default('linear'),
  useBias: booleanParam.default(true),
});
export type Conv2DParams = z.infer<typeof Conv2DParams>;

export const Conv2D = defineLayer({
  type: 'Conv2D',
  category: 'convolution',
  paletteRank: 10,
  idPrefix: 'conv',
  params: Conv2DParams,
  initialParams: { filters: 32, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu', useBias: true },
  inputs: { min: 1, max: 1 },
  outputShape(inputs, p) {
    const input = inputs[0];
    const problem = expectImage('Conv2D', input);
    if (problem || !input) return shapeError(problem!);
    return slideWindow('Conv2D', input, toPair(p.kernelSize), toPair(p.strides), p.padding, p.filters, 'kernel');
  },
  paramCount(inputs, p) {
    const channelsIn = inputs[0]?.[2] ?? 0;
    const [kh, kw] = toPair(p.kernelSize);
    return { trainable: kh * kw * channelsIn * p.filters + (p.useBias ? p.filters : 0), nonTrainable: 0 };
  },
  summary(p) {
    const [kh, kw] = toPair(p.kernelSize);
    return `${p.filters} · ${kh}×${kw} · ${strideBadge(p.strides)} · ${p.padding} · ${p.activation}`;
  },
  spoken: (p) => ({ filters: p.filters, kernel: squareOf(p.kernelSize), stride: squareOf(p.strides), padding: p.padding, activation: p.activation }),
  fields: [{ key: 'filters', kind: 'int' }, { key: 'kernelSize', kind: 'pair' }, { key: 'strides', kind: 'pair' }, paddingField, activationField, useBiasField],
  window: kernelWindow,
  lessons: (p) => convolutionLessons(kernelWindow(p)),
  featureMaps: true,
  keras: (p, name) =>
    `layers.Conv2D(${p.filters}, ${pyTuple(toPair(p.kernelSize))}, strides=${pyTuple(toPair(p.strides))}, padding=${pythonString(p.padding)}, activation=${pyActivation(p.activation)}, use_bias=${pyBool(p.useBias)}, name=${name})`,
});
