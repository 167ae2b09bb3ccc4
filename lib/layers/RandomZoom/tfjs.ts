import * as tf from '@tensorflow/tfjs';
import { drawEach, factorRange, RandomImageLayer, transformImages, zoomTransform, type RandomLayerArgs } from '../shared/tfjs-augment';
import { defineTfjs } from '../shared/tfjs';
import type { RandomZoomParams } from '.';

/** Keras's RandomZoom: each image is scaled about its centre by 1 + a draw (positive zooms out), edges filled by reflection. */
export class RandomZoomLayer extends RandomImageLayer<RandomZoomParams> {
  static className = 'RandomZoom';

  constructor(args: RandomLayerArgs & RandomZoomParams) {
    const { heightFactor, widthFactor, ...rest } = args;
    super(rest, widthFactor === undefined ? { heightFactor } : { heightFactor, widthFactor });
  }

  protected augment(images: tf.Tensor4D, uniform: () => number): tf.Tensor {
    const [batch, height, width] = images.shape;
    const { heightFactor, widthFactor } = this.params;
    const zoomY = drawEach(batch, uniform, factorRange(heightFactor)).map((d) => 1 + d);
    const zoomX = widthFactor === undefined ? zoomY : drawEach(batch, uniform, factorRange(widthFactor)).map((d) => 1 + d);
    return transformImages(
      images,
      zoomY.map((zy, i) => zoomTransform(zoomX[i]!, zy, height, width)),
      'reflect',
    );
  }
}
tf.serialization.registerClass(RandomZoomLayer);

export const build = defineTfjs<RandomZoomParams>((p, { name, seed }) => new RandomZoomLayer({ name, seed, ...p }));
