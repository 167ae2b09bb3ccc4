import * as tf from '@tensorflow/tfjs';
import { defineTfjs } from '../shared/tfjs';
import type { ConcatenateParams } from '.';

export const build = defineTfjs<ConcatenateParams>((p, { name }) => {
  const layer = tf.layers.concatenate({ name, axis: p.axis });
  // -1 (the default) means the last axis both ways, and a saved model keeps it as written.
  if (p.axis >= 0 || p.axis === -1) return layer;
  // tfjs's shape inference counts a negative axis from the end, but its
  // runtime concat (K.concatenate) joins along the last axis for every
  // negative one. Counted from the front (with the batch, as Keras counts)
  // the axis means the same and both agree; a saved model keeps it too.
  const buildShapes = layer.build.bind(layer);
  layer.build = (inputShape) => {
    const rank = (inputShape as tf.Shape[])[0]?.length ?? 0;
    (layer as unknown as { axis: number }).axis = rank + p.axis;
    buildShapes(inputShape);
  };
  return layer;
});
