import * as tf from '@tensorflow/tfjs';
import { defineTfjs } from '../shared/tfjs';
import type { ReshapeParams } from '.';

/** A tfjs shape with the batch first; null where unknown. */
type LayerShape = (number | null)[];

/**
 * tfjs-layers 4.22 leaves a -1 unresolved (null) whenever any input dimension
 * is unknown, and in a model the batch always is; the layers after it then
 * cannot build (Dense: "the last dimension … should be defined"). Keras
 * resolves it from the other dimensions; so does this, with the batch put aside.
 */
export const build = defineTfjs<ReshapeParams>((p, { name }) => {
  const layer = tf.layers.reshape({ name, targetShape: [...p.targetShape] });
  const stock = layer.computeOutputShape.bind(layer);
  layer.computeOutputShape = (inputShape: LayerShape): LayerShape => {
    const rest = inputShape.slice(1);
    if (rest.some((d) => d === null || d < 0)) return stock(inputShape);
    const resolved = stock([1, ...rest]);
    return [inputShape[0] ?? null, ...resolved.slice(1)];
  };
  return layer;
});
