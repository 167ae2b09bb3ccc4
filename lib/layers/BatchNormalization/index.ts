import { z } from 'zod';
import { shapeOk } from '../../graph/issues';
import { defineLayer } from '../shared/define';
import { numberIn } from '../shared/params';
import { pyNumber } from '../shared/python';

export const BatchNormalizationParams = z.strictObject({
  momentum: numberIn(0, 1).default(0.99),
  epsilon: numberIn(0, 1, { minExclusive: true }).default(0.001),
});
export type BatchNormalizationParams = z.infer<typeof BatchNormalizationParams>;

export const BatchNormalization = defineLayer({
  type: 'BatchNormalization',
  category: 'normalization',
  paletteRank: 10,
  idPrefix: 'bn',
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
  spoken: (p) => ({ momentum: p.momentum }),
  fields: [
    { key: 'momentum', kind: 'number', step: 0.01 },
    { key: 'epsilon', kind: 'number', step: 0.0001 },
  ],
  keras: (p, name) => `layers.BatchNormalization(momentum=${pyNumber(p.momentum)}, epsilon=${pyNumber(p.epsilon)}, name=${name})`,
});
