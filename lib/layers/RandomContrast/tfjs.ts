import * as tf from '@tensorflow/tfjs';
import { drawEach, RandomImageLayer, type RandomLayerArgs } from '../shared/tfjs-augment';
import { defineTfjs } from '../shared/tfjs';
import { contrastRange, type RandomContrastParams } from '.';

/**
 * Keras's RandomContrast: per image and channel, (x - mean) · c + mean with c
 * drawn per image, clipped to Keras's value range [0, 255].
 */
export class RandomContrastLayer extends RandomImageLayer<RandomContrastParams> {
  static className = 'RandomContrast';

  constructor(args: RandomLayerArgs & RandomContrastParams) {
    const { factor, ...rest } = args;
    super(rest, { factor });
  }

  protected augment(images: tf.Tensor4D, uniform: () => number): tf.Tensor {
    const batch = images.shape[0];
    const contrast = tf.tensor4d(drawEach(batch, uniform, contrastRange(this.params.factor)), [batch, 1, 1, 1]);
    const mean = tf.mean(images, [1, 2], true); // [batch, 1, 1, c]
    return tf.clipByValue(tf.add(tf.mul(tf.sub(images, mean), contrast), mean), 0, 255);
  }
}
tf.serialization.registerClass(RandomContrastLayer);

export const build = defineTfjs<RandomContrastParams>((p, { name, seed }) => new RandomContrastLayer({ name, seed, ...p }));
