import { z } from 'zod';
import { shapeOk } from '../../graph/issues';
import { defineLayer, noParams } from '../shared/define';
import { nonNegativeNumber } from '../shared/params';
import { pyNumber } from '../shared/python';

// tfjs-layers calls the slope `alpha` (default 0.3), as Keras 2 did; Keras 3
// renamed it negative_slope (same default, 0.3). The Keras code passes it by
// position, which both read as the slope.
export const LeakyReLUParams = z.strictObject({ alpha: nonNegativeNumber.default(0.3) });
export type LeakyReLUParams = z.infer<typeof LeakyReLUParams>;

export const LeakyReLU = defineLayer({
  type: 'LeakyReLU',
  category: 'activation',
  paletteRank: 30,
  idPrefix: 'lrelu',
  params: LeakyReLUParams,
  initialParams: { alpha: 0.3 },
  inputs: { min: 1, max: 1 },
  outputShape: (inputs) => shapeOk([...(inputs[0] ?? [])]),
  paramCount: () => noParams,
  summary: (p) => `α ${p.alpha}`,
  spoken: (p) => ({ alpha: String(p.alpha) }),
  fields: [{ key: 'alpha', kind: 'number', step: 0.01, min: 0 }],
  keras: (p, name) => `layers.LeakyReLU(${pyNumber(p.alpha)}, name=${name})`,
});
