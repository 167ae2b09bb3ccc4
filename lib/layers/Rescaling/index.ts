import { z } from 'zod';
import { shapeOk } from '../../graph/issues';
import { defineLayer, noParams } from '../shared/define';
import { finiteNumber } from '../shared/augment';
import { pyNumber } from '../shared/python';

export const RescalingParams = z.strictObject({ scale: finiteNumber, offset: finiteNumber.default(0) });
export type RescalingParams = z.infer<typeof RescalingParams>;

export const Rescaling = defineLayer({
  type: 'Rescaling',
  category: 'augmentation',
  paletteRank: 60,
  idPrefix: 'rescale',
  params: RescalingParams,
  // Pixels arrive in [0, 1]: × 2 − 1 centres them on 0, in [-1, 1].
  initialParams: { scale: 2, offset: -1 },
  inputs: { min: 1, max: 1 },
  outputShape: (inputs) => shapeOk([...(inputs[0] ?? [])]),
  paramCount: () => noParams,
  summary: (p) => `× ${p.scale}${p.offset === 0 ? '' : ` ${p.offset < 0 ? '−' : '+'} ${Math.abs(p.offset)}`}`,
  spoken: (p) => ({ scale: p.scale, offset: p.offset }),
  fields: [
    { key: 'scale', kind: 'number', step: 0.1 },
    { key: 'offset', kind: 'number', step: 0.1 },
  ],
  keras: (p, name) => `layers.Rescaling(${pyNumber(p.scale)}, offset=${pyNumber(p.offset)}, name=${name})`,
});
