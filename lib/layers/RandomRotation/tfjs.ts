import * as tf from '@tensorflow/tfjs';
import { drawEach, factorRange, RandomImageLayer, rotationTransform, transformImages, type RandomLayerArgs } from '../shared/tfjs-augment';
import { defineTfjs } from '../shared/tfjs';
import type { RandomRotationParams } from '.';

/** Keras's RandomRotation: each image turns about its centre by factor × 2π, edges filled by reflection. */
export class RandomRotationLayer extends RandomImageLayer<RandomRotationParams> {
  static className = 'RandomRotation';

  constructor(args: RandomLayerArgs & RandomRotationParams) {
    const { factor, ...rest } = args;
    super(rest, { factor });
  }

  protected augment(images: tf.Tensor4D, uniform: () => number): tf.Tensor {
    const [batch, height, width] = images.shape;
    const turns = drawEach(batch, uniform, factorRange(this.params.factor));
    return transformImages(
      images,
      turns.map((t) => rotationTransform(t * 2 * Math.PI, height, width)),
      'reflect',
    );
  }
}
tf.serialization.registerClass(RandomRotationLayer);

export const build = defineTfjs<RandomRotationParams>((p, { name, seed }) => new RandomRotationLayer({ name, seed, ...p }));
