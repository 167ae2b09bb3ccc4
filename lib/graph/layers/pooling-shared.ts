import { z } from 'zod';
import { shapeError } from '../issues';
import { toPair } from '../shape';
import { expectImage, slideWindow } from './conv-shared';
import { defineLayer, noParams } from './define';
import { padding, sizePair } from './params';

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
export function definePooling<T extends 'MaxPooling2D' | 'AveragePooling2D'>(type: T) {
  return defineLayer({
    type,
    category: 'pooling',
    params: PoolingParams,
    initialParams: { poolSize: 2, strides: 2, padding: 'valid' } as PoolingParams,
    inputs: { min: 1, max: 1 },
    outputShape(inputs, p) {
      const input = inputs[0];
      const problem = expectImage(type, input);
      if (problem || !input) return shapeError(problem!);
      return slideWindow(type, input, toPair(p.poolSize), poolStrides(p), p.padding, input[2]!);
    },
    paramCount: () => noParams,
    summary(p) {
      const [ph, pw] = toPair(p.poolSize);
      const [sh, sw] = poolStrides(p);
      const stride = sh === sw ? `s${sh}` : `s${sh}×${sw}`;
      return `${ph}×${pw} · ${stride} · ${p.padding}`;
    },
  });
}
