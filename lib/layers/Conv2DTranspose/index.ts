import { z } from 'zod';
import { shapeError, shapeOk } from '../../graph/issues';
import { toPair } from '../../graph/shape';
import { defineLayer } from '../shared/define';
import { activationField, paddingField, useBiasField } from '../shared/fields';
import { lessonLink } from '../shared/lessons';
import { formatPairParam } from '../../learn/query';
import { activation, booleanParam, padding, PARAM_LIMITS, positiveInt, showLimit, sizePair } from '../shared/params';
import { pyBool, pyTuple, pythonString } from '../shared/python';
import { expectImage, kernelWindow, squareOf, strideBadge, transposedOutputLength } from '../shared/window';

export const Conv2DTransposeParams = z.strictObject({
  filters: positiveInt,
  kernelSize: sizePair,
  strides: sizePair.default(1),
  padding: padding.default('valid'),
  activation: activation.default('linear'),
  useBias: booleanParam.default(true),
});
export type Conv2DTransposeParams = z.infer<typeof Conv2DTransposeParams>;

/** The convolution run backwards: grows the image by its strides (decoders, upsampling). */
export const Conv2DTranspose = defineLayer({
  type: 'Conv2DTranspose',
  category: 'convolution',
  paletteRank: 40,
  idPrefix: 'deconv',
  params: Conv2DTransposeParams,
  initialParams: { filters: 32, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', useBias: true },
  inputs: { min: 1, max: 1 },
  outputShape(inputs, p) {
    const input = inputs[0];
    const problem = expectImage('Conv2DTranspose', input);
    if (problem || !input) return shapeError(problem!);
    const [kh, kw] = toPair(p.kernelSize);
    const [sh, sw] = toPair(p.strides);
    const outH = transposedOutputLength(input[0]!, kh, sh, p.padding);
    const outW = transposedOutputLength(input[1]!, kw, sw, p.padding);
    // It never comes out empty, but it can grow past any image the app handles.
    if (outH > PARAM_LIMITS.inputSide || outW > PARAM_LIMITS.inputSide) {
      const growing = sh > 1 || sw > 1;
      return shapeError({
        code: 'transposeTooLarge',
        values: { layer: 'Conv2DTranspose', size: `${outH}×${outW}`, limit: showLimit(PARAM_LIMITS.inputSide) },
        message: `Conv2DTranspose would output ${outH}×${outW}, more than ${showLimit(PARAM_LIMITS.inputSide)} per side: use smaller strides or a smaller input`,
        ...(growing ? { fix: { kind: 'setParam' as const, param: 'strides', value: 1 } } : {}),
      });
    }
    return shapeOk([outH, outW, p.filters]);
  },
  paramCount(inputs, p) {
    const channelsIn = inputs[0]?.[2] ?? 0;
    const [kh, kw] = toPair(p.kernelSize);
    // Keras's kernel is [kh, kw, filters, channelsIn]: the same count as Conv2D's.
    return { trainable: kh * kw * channelsIn * p.filters + (p.useBias ? p.filters : 0), nonTrainable: 0 };
  },
  summary(p) {
    const [kh, kw] = toPair(p.kernelSize);
    return `${p.filters} · ${kh}×${kw} · ${strideBadge(p.strides)} · ${p.padding} · ${p.activation}`;
  },
  spoken: (p) => ({ filters: p.filters, kernel: squareOf(p.kernelSize), stride: squareOf(p.strides), padding: p.padding, activation: p.activation }),
  fields: [{ key: 'filters', kind: 'int' }, { key: 'kernelSize', kind: 'pair' }, { key: 'strides', kind: 'pair' }, paddingField, activationField, useBiasField],
  window: (p) => ({ ...kernelWindow(p), transposed: true }),
  // The stride and padding lessons shrink an image; a transposed convolution
  // grows it, so only the kernel lesson carries over.
  lessons: (p) => [lessonLink('convolution', { kernel: formatPairParam(toPair(p.kernelSize)) })],
  featureMaps: true,
  keras: (p, name) =>
    `layers.Conv2DTranspose(${p.filters}, ${pyTuple(toPair(p.kernelSize))}, strides=${pyTuple(toPair(p.strides))}, padding=${pythonString(p.padding)}, activation=${pythonString(p.activation)}, use_bias=${pyBool(p.useBias)}, name=${name})`,
});
