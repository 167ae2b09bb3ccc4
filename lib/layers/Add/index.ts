import { z } from 'zod';
import { shapeError, shapeOk } from '../../graph/issues';
import { formatShape, shapesEqual } from '../../graph/shape';
import { defineLayer, noParams } from '../shared/define';

export const AddParams = z.strictObject({});
export type AddParams = z.infer<typeof AddParams>;

export const Add = defineLayer({
  type: 'Add',
  category: 'merge',
  paletteRank: 10,
  idPrefix: 'add',
  params: AddParams,
  initialParams: {},
  inputs: { min: 2, max: Number.POSITIVE_INFINITY },
  outputShape(inputs) {
    const first = inputs[0] ?? [];
    const other = inputs.find((s) => !shapesEqual(s, first));
    if (other) {
      return shapeError({
        code: 'addShapesDiffer',
        values: { shapes: inputs.map(formatShape).join(' + ') },
        message: `Add needs inputs of one shape but gets ${inputs.map(formatShape).join(' + ')}: make the branches produce the same shape (e.g. the same number of filters and padding 'same')`,
      });
    }
    return shapeOk([...first]);
  },
  paramCount: () => noParams,
  summary: () => '',
  spoken: (_p, inputs) => ({ inputs }),
  fields: [],
  keras: (_p, name) => `layers.Add(name=${name})`,
});
