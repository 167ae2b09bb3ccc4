import { z } from 'zod';
import { shapeOk } from '../issues';
import { defineLayer } from './define';
import { numberIn } from './params';

export const BatchNormalizationParams = z.strictObject({
  momentum: numberIn(0, 1).default(0.99),
  epsilon: numberIn(0, 1, { minExclusive: true }).default(0.001),
});
export type BatchNormalizationParams = z.infer<typeof BatchNormalizationParams>;

export const BatchNormalization = defineLayer({
  type: 'BatchNormalization',
  category: 'regularization',
  params: BatchNormalizationParams,
  initialParams: { momentum: 0.99, epsilon: 0.001 },
  inputs: { min: 1, max: 1 },
  outputShape: (inputs) => shapeOk([...(inputs[0] ?? [])]),
  // Per channel (the last axis): gamma and beta are learned; the moving mean
  // and variance are tracked, not trained.
  paramCount(inputs) {
    const channels = inputs[0]?.at(-1) ?? 0;
    return { trainable: 2 * channels, nonTrainable: 2 * channels };
  },
  summary: (p) => `momentum ${p.momentum}`,
});
