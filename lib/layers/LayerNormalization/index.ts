import { z } from 'zod';
import { shapeError, shapeOk } from '../../graph/issues';
import { formatShape } from '../../graph/shape';
import { axisParam, resolveAxis } from '../shared/axis';
import { defineLayer } from '../shared/define';
import { numberIn } from '../shared/params';
import { pyNumber } from '../shared/python';

export const LayerNormalizationParams = z.strictObject({
  axis: axisParam.default(-1),
  epsilon: numberIn(0, 1, { minExclusive: true }).default(0.001),
});
export type LayerNormalizationParams = z.infer<typeof LayerNormalizationParams>;

export const LayerNormalization = defineLayer({
  type: 'LayerNormalization',
  category: 'normalization',
  paletteRank: 20,
  idPrefix: 'ln',
  params: LayerNormalizationParams,
  initialParams: { axis: -1, epsilon: 0.001 },
  inputs: { min: 1, max: 1 },
  outputShape(inputs, p) {
    const input = inputs[0] ?? [];
    if (resolveAxis(p.axis, input.length) === null) {
      return shapeError({
        code: 'normalizeBadAxis',
        values: { layer: 'LayerNormalization', axis: p.axis, shape: formatShape(input), rank: input.length },
        message: `LayerNormalization's axis ${p.axis} does not exist in its input ${formatShape(input)} (${input.length} dimensions, not counting the batch): use -1 for the last`,
        fix: { kind: 'setParam', param: 'axis', value: -1 },
      });
    }
    return shapeOk([...input]);
  },
  // Per entry of the normalised axis: gamma (scale) and beta (centre), both learned.
  paramCount(inputs, p) {
    const input = inputs[0] ?? [];
    const at = resolveAxis(p.axis, input.length);
    const size = at === null ? 0 : (input[at] ?? 0);
    return { trainable: 2 * size, nonTrainable: 0 };
  },
  summary: (p) => `axis ${p.axis} · ε ${p.epsilon}`,
  spoken: (p) => ({ axis: String(p.axis) }),
  fields: [
    { key: 'axis', kind: 'int' },
    { key: 'epsilon', kind: 'number', step: 0.0001 },
  ],
  keras: (p, name) => `layers.LayerNormalization(axis=${p.axis}, epsilon=${pyNumber(p.epsilon)}, name=${name})`,
});
