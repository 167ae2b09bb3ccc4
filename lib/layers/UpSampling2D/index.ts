import { z } from 'zod';
import { shapeError } from '../../graph/issues';
import { toPair } from '../../graph/shape';
import { defineLayer, noParams } from '../shared/define';
import { oneOf, PARAM_LIMITS, sizePair } from '../shared/params';
import { pyTuple, pythonString } from '../shared/python';
import { grownImage } from '../shared/sides';
import { expectImage, squareOf } from '../shared/window';

export const interpolations = ['nearest', 'bilinear'] as const;

export const UpSampling2DParams = z.strictObject({
  /** How many times each row and column repeats: a number or [h, w], at most PARAM_LIMITS.window. */
  size: sizePair.default(2),
  interpolation: oneOf(interpolations).default('nearest'),
});
export type UpSampling2DParams = z.infer<typeof UpSampling2DParams>;

export const UpSampling2D = defineLayer({
  type: 'UpSampling2D',
  category: 'reshaping',
  paletteRank: 40,
  idPrefix: 'up',
  params: UpSampling2DParams,
  initialParams: { size: 2, interpolation: 'nearest' },
  inputs: { min: 1, max: 1 },
  outputShape(inputs, p) {
    const input = inputs[0];
    const problem = expectImage('UpSampling2D', input);
    if (problem || !input) return shapeError(problem!);
    const [h, w, c] = input as [number, number, number];
    const [sh, sw] = toPair(p.size);
    // The largest size that keeps both sides within the limit, when there is one.
    const fitting = Math.floor(PARAM_LIMITS.inputSide / Math.max(h, w));
    return grownImage('UpSampling2D', [h * sh, w * sw, c], 'use a smaller size', fitting >= 1 ? { kind: 'setParam', param: 'size', value: fitting } : undefined);
  },
  paramCount: () => noParams,
  summary(p) {
    const [sh, sw] = toPair(p.size);
    return `${sh}×${sw} · ${p.interpolation}`;
  },
  spoken: (p) => ({ size: squareOf(p.size), interpolation: p.interpolation }),
  fields: [
    { key: 'size', kind: 'pair' },
    { key: 'interpolation', kind: 'select', options: interpolations },
  ],
  featureMaps: true,
  keras: (p, name) => `layers.UpSampling2D(size=${pyTuple(toPair(p.size))}, interpolation=${pythonString(p.interpolation)}, name=${name})`,
});
