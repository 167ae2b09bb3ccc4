import { z } from 'zod';
import { shapeError, shapeOk } from '../../graph/issues';
import { toPair } from '../../graph/shape';
import { defineLayer, noParams } from './define';
import { paddingField } from './fields';
import { lessonLink } from './lessons';
import { formatPairParam } from '../../learn/query';
import { padding, sizePair } from './params';
import { pyTuple, pythonString } from './python';
import { expectImage, slideWindow, squareOf } from './window';

export const PoolingParams = z.strictObject({
  poolSize: sizePair.default(2),
  /** Omitted strides equal poolSize, as in Keras. */
  strides: sizePair.optional(),
  padding: padding.default('valid'),
});
export type PoolingParams = z.infer<typeof PoolingParams>;

export function poolStrides(p: PoolingParams): readonly [number, number] {
  return toPair(p.strides ?? p.poolSize);
}

/** MaxPooling2D and AveragePooling2D share everything but the name and what they compute. */
export function definePooling<T extends 'MaxPooling2D' | 'AveragePooling2D'>(type: T, idPrefix: string, paletteRank: number) {
  return defineLayer({
    type,
    category: 'pooling',
    paletteRank,
    idPrefix,
    params: PoolingParams,
    initialParams: { poolSize: 2, strides: 2, padding: 'valid' } as PoolingParams,
    inputs: { min: 1, max: 1 },
    outputShape(inputs, p) {
      const input = inputs[0];
      const problem = expectImage(type, input);
      if (problem || !input) return shapeError(problem!);
      return slideWindow(type, input, toPair(p.poolSize), poolStrides(p), p.padding, input[2]!, 'pool');
    },
    paramCount: () => noParams,
    summary(p) {
      const [ph, pw] = toPair(p.poolSize);
      const [sh, sw] = poolStrides(p);
      const stride = sh === sw ? `s${sh}` : `s${sh}×${sw}`;
      return `${ph}×${pw} · ${stride} · ${p.padding}`;
    },
    spoken: (p) => ({ pool: squareOf(p.poolSize), stride: squareOf(poolStrides(p)), padding: p.padding }),
    fields: [{ key: 'poolSize', kind: 'pair' }, { key: 'strides', kind: 'pair', optional: true }, paddingField],
    window: (p) => ({ window: toPair(p.poolSize), strides: poolStrides(p), padding: p.padding }),
    lessons(p) {
      const pool = toPair(p.poolSize);
      return [
        lessonLink('pooling', {
          pool: formatPairParam(pool),
          stride: formatPairParam(poolStrides(p)),
          padding: p.padding,
          type: type === 'MaxPooling2D' ? 'max' : 'average',
        }),
      ];
    },
    featureMaps: true,
    keras: (p, name) =>
      `layers.${type}(pool_size=${pyTuple(toPair(p.poolSize))}, strides=${pyTuple(poolStrides(p))}, padding=${pythonString(p.padding)}, name=${name})`,
  });
}

export const GlobalPoolingParams = z.strictObject({});
export type GlobalPoolingParams = z.infer<typeof GlobalPoolingParams>;

/** GlobalAveragePooling2D and GlobalMaxPooling2D: one number per channel over the whole image. */
export function defineGlobalPooling<T extends 'GlobalAveragePooling2D' | 'GlobalMaxPooling2D'>(type: T, idPrefix: string, paletteRank: number) {
  return defineLayer({
    type,
    category: 'pooling',
    paletteRank,
    idPrefix,
    params: GlobalPoolingParams,
    initialParams: {},
    inputs: { min: 1, max: 1 },
    outputShape(inputs) {
      const input = inputs[0];
      const problem = expectImage(type, input);
      if (problem || !input) return shapeError(problem!);
      return shapeOk([input[2]!]);
    },
    paramCount: () => noParams,
    summary: () => '',
    spoken: () => ({}),
    fields: [],
    keras: (_p, name) => `layers.${type}(name=${name})`,
  });
}
