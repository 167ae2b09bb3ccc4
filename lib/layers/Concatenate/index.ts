import { z } from 'zod';
import { shapeError, shapeOk } from '../../graph/issues';
import { formatShape } from '../../graph/shape';
import { axisParam, resolveAxis } from '../shared/axis';
import { defineLayer, noParams } from '../shared/define';
import { showValue } from '../shared/params';

export const ConcatenateParams = z.strictObject({ axis: axisParam.default(-1) });
export type ConcatenateParams = z.infer<typeof ConcatenateParams>;

export const Concatenate = defineLayer({
  type: 'Concatenate',
  category: 'merge',
  paletteRank: 20,
  idPrefix: 'concat',
  params: ConcatenateParams,
  initialParams: { axis: -1 },
  inputs: { min: 2, max: Number.POSITIVE_INFINITY },
  outputShape(inputs, p) {
    const first = inputs[0] ?? [];
    const rank = first.length;
    const shapes = inputs.map(formatShape).join(' + ');
    if (inputs.some((s) => s.length !== rank)) {
      return shapeError({
        code: 'concatRankDiffers',
        values: { shapes },
        message: `Concatenate needs inputs with the same number of dimensions but gets ${shapes}`,
      });
    }
    // Keras counts axis 0 as the batch; our shapes leave it out.
    const at = resolveAxis(p.axis, rank);
    if (at === null) {
      return shapeError({
        code: 'concatBadAxis',
        values: { axis: p.axis, rank },
        message: `Concatenate's axis ${p.axis} does not exist for inputs with ${rank} dimensions: use -1 for the last`,
        fix: { kind: 'setParam', param: 'axis', value: -1 },
      });
    }
    const mismatch = inputs.some((s) => s.some((d, i) => i !== at && d !== first[i]));
    if (mismatch) {
      return shapeError({
        code: 'concatShapesDiffer',
        values: { shapes, axis: p.axis },
        message: `Concatenate along axis ${p.axis} needs every other dimension equal but gets ${shapes}`,
      });
    }
    const out = [...first];
    out[at] = inputs.reduce((sum, s) => sum + (s[at] ?? 0), 0);
    return shapeOk(out);
  },
  paramCount: () => noParams,
  summary: (p) => `axis ${showValue(p.axis)}`,
  spoken: (p, inputs) => ({ inputs, axis: String(p.axis) }),
  fields: [{ key: 'axis', kind: 'int' }],
  keras: (p, name) => `layers.Concatenate(axis=${p.axis}, name=${name})`,
});
