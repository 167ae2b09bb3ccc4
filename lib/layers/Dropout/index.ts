import { z } from 'zod';
import { shapeOk } from '../../graph/issues';
import { defineLayer, noParams } from '../shared/define';
import { lessonLink } from '../shared/lessons';
import { numberIn } from '../shared/params';
import { pyNumber } from '../shared/python';

export const DropoutParams = z.strictObject({ rate: numberIn(0, 1, { maxExclusive: true }) });
export type DropoutParams = z.infer<typeof DropoutParams>;

export const Dropout = defineLayer({
  type: 'Dropout',
  category: 'regularization',
  idPrefix: 'dropout',
  params: DropoutParams,
  initialParams: { rate: 0.2 },
  inputs: { min: 1, max: 1 },
  outputShape: (inputs) => shapeOk([...(inputs[0] ?? [])]),
  paramCount: () => noParams,
  summary: (p) => `rate ${p.rate}`,
  spoken: (p) => ({ rate: p.rate }),
  fields: [{ key: 'rate', kind: 'number', step: 0.05 }],
  lessons: (p) => [lessonLink('dropout', { rate: String(p.rate) })],
  keras: (p, name) => `layers.Dropout(${pyNumber(p.rate)}, name=${name})`,
  trainingOnly: true,
});
