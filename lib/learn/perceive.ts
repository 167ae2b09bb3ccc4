// What a network has learned, read from a tf.LayersModel: the kernels of its
// Conv2D layers as small images, and the feature maps every image-producing
// layer (the types whose definition says featureMaps: convolutions, pooling,
// upsampling) produces for one input image. Layer names are node ids
// (lib/compile names them so).
import * as tf from '@tensorflow/tfjs';
import { isLayerType, layerDef } from '../layers/registry';
import type { Grid } from './grid';
import type { GrayImage } from './image';

/** Whether a tfjs layer's class (our layer type) shows feature maps. */
export function showsFeatureMaps(className: string): boolean {
  return isLayerType(className) && layerDef(className).featureMaps === true;
}

export interface ConvLayerInfo {
  name: string;
  /** [kernel height, kernel width, input channels, filters] */
  kernelShape: [number, number, number, number];
}

export function convLayersOf(model: tf.LayersModel): ConvLayerInfo[] {
  return model.layers
    .filter((l) => l.getClassName() === 'Conv2D')
    .map((l) => ({ name: l.name, kernelShape: l.getWeights()[0]!.shape as [number, number, number, number] }));
}

/** Which input channel's slice of each kernel to draw, or their mean (deeper layers have many). */
export type KernelChannel = number | 'mean';

export interface LearnedKernels {
  /** One image per filter, weight 0 = mid gray, the layer's largest |weight| = white (+) or black (−). */
  images: GrayImage[];
  /** The same kernels as numbers, [filter][row][col]. */
  grids: number[][][];
  maxAbs: number;
}

/** Maps weights to display gray: 0 -> 0.5, ±maxAbs -> 1 / 0. */
export function signedToGray(values: ArrayLike<number>, maxAbs: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = maxAbs === 0 ? 0.5 : 0.5 + (0.5 * values[i]!) / maxAbs;
  return out;
}

export function kernelImage(kernel: Grid, maxAbs?: number): GrayImage {
  const flat = kernel.flat();
  const scale = maxAbs ?? Math.max(...flat.map(Math.abs));
  return { width: kernel[0]?.length ?? 0, height: kernel.length, pixels: signedToGray(flat, scale) };
}

export function learnedKernels(model: tf.LayersModel, layerName: string, channel: KernelChannel): LearnedKernels {
  const layer = model.getLayer(layerName);
  const kernel = layer.getWeights()[0];
  if (!kernel || kernel.rank !== 4) throw new Error(`${layerName} has no 4-D kernel`);
  const [kh, kw, cin, cout] = kernel.shape as [number, number, number, number];
  if (channel !== 'mean' && (channel < 0 || channel >= cin)) throw new Error(`${layerName} has ${cin} input channels; there is no channel ${channel}`);
  const values = kernel.dataSync(); // [kh, kw, cin, cout], row-major
  const grids: number[][][] = Array.from({ length: cout }, (_, f) =>
    Array.from({ length: kh }, (_, r) =>
      Array.from({ length: kw }, (_, c) => {
        const at = (ch: number) => values[((r * kw + c) * cin + ch) * cout + f]!;
        if (channel !== 'mean') return at(channel);
        let sum = 0;
        for (let ch = 0; ch < cin; ch++) sum += at(ch);
        return sum / cin;
      }),
    ),
  );
  // One scale for the whole layer, so a weak filter looks weak next to a strong one.
  const maxAbs = Math.max(0, ...grids.flat(2).map(Math.abs));
  return { images: grids.map((g) => kernelImage(g, maxAbs)), grids, maxAbs };
}

export interface FeatureMapLayer {
  name: string;
  className: string;
  /** [height, width, channels] */
  shape: [number, number, number];
  /** One image per channel, each stretched over its own min–max so faint maps stay visible. */
  maps: GrayImage[];
  /** Raw [min, max] per channel. */
  ranges: { min: number; max: number }[];
}

/** Names of the layers whose outputs are shown as feature maps, in model order. */
export function featureMapLayerNames(model: tf.LayersModel): string[] {
  // Only image outputs [batch, h, w, c]: the maps are drawn per channel.
  return model.layers.filter((l) => showsFeatureMaps(l.getClassName()) && (l.outputShape as number[]).length === 4).map((l) => l.name);
}

/**
 * Runs one image through the model and returns the output of every layer
 * that shows feature maps. `pixels` is [h, w, c] in 0–1, as the trainer feeds images.
 */
export async function featureMaps(model: tf.LayersModel, pixels: Float32Array, inputShape: readonly [number, number, number]): Promise<FeatureMapLayer[]> {
  const names = featureMapLayerNames(model);
  if (names.length === 0) return [];
  const layers = names.map((n) => model.getLayer(n));
  // A model over the same graph whose outputs are the inner layers: no weights are copied.
  const probe = tf.model({ inputs: model.inputs, outputs: layers.map((l) => l.output as tf.SymbolicTensor) });
  const x = tf.tensor4d(pixels, [1, ...inputShape]); // [1, h, w, c]
  const raw = probe.predict(x);
  const outputs = Array.isArray(raw) ? raw : [raw];
  try {
    const result: FeatureMapLayer[] = [];
    for (const [i, out] of outputs.entries()) {
      const [, h, w, c] = out.shape as [number, number, number, number];
      const data = (await out.data()) as Float32Array; // [1, h, w, c]
      const maps: GrayImage[] = [];
      const ranges: { min: number; max: number }[] = [];
      for (let ch = 0; ch < c; ch++) {
        const plane = new Float32Array(h * w);
        let min = Infinity;
        let max = -Infinity;
        for (let p = 0; p < h * w; p++) {
          const v = data[p * c + ch]!;
          plane[p] = v;
          if (v < min) min = v;
          if (v > max) max = v;
        }
        const span = max - min;
        for (let p = 0; p < h * w; p++) plane[p] = span > 0 ? (plane[p]! - min) / span : 0;
        maps.push({ width: w, height: h, pixels: plane });
        ranges.push({ min, max });
      }
      result.push({ name: names[i]!, className: layers[i]!.getClassName(), shape: [h, w, c], maps, ranges });
    }
    return result;
  } finally {
    tf.dispose([x, ...outputs]);
  }
}
