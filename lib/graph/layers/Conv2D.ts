import { z } from 'zod';
import { shapeError } from '../issues';
import { toPair } from '../shape';
import { expectImage, slideWindow } from './conv-shared';
import { defineLayer } from './define';
import { activation, booleanParam, padding, positiveInt, sizePair } from './params';

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
  params: Conv2DParams,
  initialParams: { filters: 32, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu', useBias: true },
  inputs: { min: 1, max: 1 },
  outputShape(inputs, p) {
    const input = inputs[0];
    const problem = expectImage('Conv2D', input);
    if (problem || !input) return shapeError(problem!);
    return slideWindow('Conv2D', input, toPair(p.kernelSize), toPair(p.strides), p.padding, p.filters);
  },
  paramCount(inputs, p) {
    const channelsIn = inputs[0]?.[2] ?? 0;
    const [kh, kw] = toPair(p.kernelSize);
    return { trainable: kh * kw * channelsIn * p.filters + (p.useBias ? p.filters : 0), nonTrainable: 0 };
  },
  summary(p) {
    const [kh, kw] = toPair(p.kernelSize);
    const [sh, sw] = toPair(p.strides);
    const stride = sh === sw ? `s${sh}` : `s${sh}×${sw}`;
    return `${p.filters} · ${kh}×${kw} · ${stride} · ${p.padding} · ${p.activation}`;
  },
});
