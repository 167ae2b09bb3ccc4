import { z } from 'zod';
import { shapeError, shapeOk } from '../../graph/issues';
import { formatShape } from '../../graph/shape';
import { axisParam, resolveAxis } from '../shared/axis';
import { defineLayer, noParams } from '../shared/define';

export const SoftmaxParams = z.strictObject({ axis: axisParam.default(-1) });
export type SoftmaxParams = z.infer<typeof SoftmaxParams>;

export const Softmax = defineLayer({
  type: 'Softmax',
  category: 'activation',
  paletteRank: 40,
  idPrefix: 'softmax',
  params: SoftmaxParams,
  initialParams: { axis: -1 },
  inputs: { min: 1, max: 1 },
  outputShape(inputs, p) {
    const input = inputs[0] ?? [];
    const at = resolveAxis(p.axis, input.length);
    if (at === null) {
      return shapeError({
        code: 'normalizeBadAxis',
        values: { layer: 'Softmax', axis: p.axis, shape: formatShape(input), rank: input.length },
        message: `Softmax's axis ${p.axis} does not exist in its input ${formatShape(input)} (${input.length} dimensions, not counting the batch): use -1 for the last`,
        fix: { kind: 'setParam', param: 'axis', value: -1 },
      });
    }
    // tfjs (tf.softmax, 4.22) refuses any axis but the last, so the model would not build.
    if (at !== input.length - 1) {
      return shapeError({
        code: 'softmaxAxisNotLast',
        values: { axis: p.axis, shape: formatShape(input) },
        message: `Softmax's axis ${p.axis} is not the last axis of its input ${formatShape(input)}, and TensorFlow.js computes softmax only along the last: use -1`,
        fix: { kind: 'setParam', param: 'axis', value: -1 },
      });
    }
    return shapeOk([...input]);
  },
  paramCount: () => noParams,
  summary: (p) => `axis ${p.axis}`,
  spoken: (p) => ({ axis: String(p.axis) }),
  fields: [{ key: 'axis', kind: 'int' }],
  keras: (p, name) => `layers.Softmax(axis=${p.axis}, name=${name})`,
});
