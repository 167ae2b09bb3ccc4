import { shapeError, shapeOk, type ShapeResult } from '../../graph/issues';
import { formatShape, shapesEqual, type Shape } from '../../graph/shape';

/**
 * The output of an element-wise merge (Multiply, Average, Maximum, …): its
 * inputs' one shape, or an error naming the layer and every input shape.
 */
export function elementwiseMerge(layer: string, inputs: readonly Shape[]): ShapeResult {
  const first = inputs[0] ?? [];
  if (inputs.every((s) => shapesEqual(s, first))) return shapeOk([...first]);
  const shapes = inputs.map(formatShape).join(' + ');
  return shapeError({
    code: 'mergeShapesDiffer',
    values: { layer, shapes },
    message: `${layer} needs inputs of one shape but gets ${shapes}: make the branches produce the same shape (e.g. the same number of filters and padding 'same')`,
  });
}
