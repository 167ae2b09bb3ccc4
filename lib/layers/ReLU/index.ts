import { z } from 'zod';
import { shapeOk } from '../../graph/issues';
import { defineLayer, noParams } from '../shared/define';
import { showValue } from '../shared/params';
import { pyOptional } from '../shared/python';

// Keras's ReLU also takes negative_slope and threshold; tfjs-layers 4.22's
// ReLU takes only maxValue (ReLULayerArgs), so they are left out here.
/** A cap above 0: a cap of 0 would make every output 0, so nothing before the layer could learn. */
const cap = z.unknown().transform((value, ctx) => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    ctx.addIssue({ code: 'custom', message: `expected a number above 0 (a cap of 0 makes every output 0), got ${showValue(value)}`, input: value });
    return z.NEVER;
  }
  return value;
}) as unknown as z.ZodType<number>;

export const ReLUParams = z.strictObject({
  /** Omitted: no upper limit (Keras's None). 6 gives ReLU6. */
  maxValue: cap.optional(),
});
export type ReLUParams = z.infer<typeof ReLUParams>;

export const ReLU = defineLayer({
  type: 'ReLU',
  category: 'activation',
  paletteRank: 20,
  idPrefix: 'relu',
  params: ReLUParams,
  initialParams: {},
  inputs: { min: 1, max: 1 },
  outputShape: (inputs) => shapeOk([...(inputs[0] ?? [])]),
  paramCount: () => noParams,
  summary: (p) => (p.maxValue === undefined ? '' : `max ${p.maxValue}`),
  spoken: (p) => ({ max: p.maxValue === undefined ? 'none' : String(p.maxValue) }),
  fields: [{ key: 'maxValue', kind: 'number', step: 1, min: 0, optional: true }],
  keras: (p, name) => `layers.ReLU(max_value=${pyOptional(p.maxValue)}, name=${name})`,
});
