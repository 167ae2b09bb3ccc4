// The tfjs side of the augmentation layers: tfjs 4 has no RandomFlip,
// RandomRotation, … layers, so each is a custom layer built on RandomImageLayer.
// Draws are made on the host from a seeded generator (one per call, keyed by
// the layer's seed and a counter), so a run's sequence of draws is the same on
// every backend and every batch gets new ones. At inference (training false or
// absent: predict, evaluate) the layer hands its input through unchanged.
import * as tf from '@tensorflow/tfjs';
import { factorRange, type Factor, type FillMode } from './augment';

type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;
type Kwargs = Parameters<tf.layers.Layer['call']>[1];

/** A 32-bit mix of two numbers (murmur3's finaliser over both). */
function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x85ebca6b, 0xcc9e2d51) ^ b;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** mulberry32: uniform numbers in [0, 1) from a 32-bit seed. */
export function seededUniform(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The generator for one call: the same (seed, call number) gives the same draws. */
export function drawsFor(seed: number, call: number): () => number {
  return seededUniform(mix(seed, call));
}

export interface RandomLayerArgs extends LayerArgs {
  /** null draws a seed at random, so the layer is unseeded (as Keras's seed=None). */
  seed: number | null;
}

export abstract class RandomImageLayer<P extends object> extends tf.layers.Layer {
  readonly seed: number;
  /** Calls made in training so far: each batch gets the next one's draws. */
  private calls = 0;

  constructor(
    args: RandomLayerArgs,
    readonly params: P,
  ) {
    const { seed, ...rest } = args;
    super(rest);
    this.seed = seed ?? Math.floor(Math.random() * 2 ** 31);
  }

  /** Augments a batch [batch, h, w, c] with the draws of `uniform`. */
  protected abstract augment(images: tf.Tensor4D, uniform: () => number): tf.Tensor;

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0]! : inputs;
    if (kwargs?.['training'] !== true) return x;
    const uniform = drawsFor(this.seed, this.calls++);
    return tf.tidy(() => this.augment(x as tf.Tensor4D, uniform));
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), ...(this.params as tf.serialization.ConfigDict), seed: this.seed };
  }
}

/** A number in [lower, upper) from a uniform draw. */
export const between = (uniform: () => number, [lower, upper]: readonly [number, number]) => lower + (upper - lower) * uniform();

/** Per image: one draw in the factor's range. */
export function drawEach(batch: number, uniform: () => number, range: readonly [number, number]): number[] {
  return Array.from({ length: batch }, () => between(uniform, range));
}

export type Transform = [number, number, number, number, number, number, number, number];

/** Keras's rotation matrix (output -> input point) about the image centre; `angle` in radians. */
export function rotationTransform(angle: number, height: number, width: number): Transform {
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const xOffset = (width - 1 - (cos * (width - 1) - sin * (height - 1))) / 2;
  const yOffset = (height - 1 - (sin * (width - 1) + cos * (height - 1))) / 2;
  return [cos, -sin, xOffset, sin, cos, yOffset, 0, 0];
}

/** Keras's translation matrix: the image moves by (dx, dy) pixels. */
export function translationTransform(dx: number, dy: number): Transform {
  return [1, 0, -dx, 0, 1, -dy, 0, 0];
}

/** Keras's zoom matrix about the centre: zoom > 1 shows more (zooms out), < 1 less (zooms in). */
export function zoomTransform(zoomX: number, zoomY: number, height: number, width: number): Transform {
  const xOffset = ((width - 1) / 2) * (1 - zoomX);
  const yOffset = ((height - 1) / 2) * (1 - zoomY);
  return [zoomX, 0, xOffset, 0, zoomY, yOffset, 0, 0];
}

/**
 * Where an output coordinate reads from along one axis of length `len`, by
 * Keras's fill modes (TensorFlow's image_ops.h map_coord); 'constant' leaves
 * it outside, to read as 0.
 */
export function mapCoordinate(coord: number, len: number, fillMode: FillMode): number {
  if (fillMode === 'constant') return coord;
  if (fillMode === 'nearest') return Math.min(Math.max(coord, 0), len - 1);
  let c = coord;
  if (len <= 1) return 0;
  if (fillMode === 'reflect') {
    // [abcd] -> [dcba|abcd|dcba]
    const sz2 = 2 * len;
    if (c < 0) {
      if (c < sz2) c = sz2 * Math.trunc(-c / sz2) + c;
      c = c < -len ? c + sz2 : -c - 1;
    } else if (c > len - 1) {
      c -= sz2 * Math.trunc(c / sz2);
      if (c >= len) c = sz2 - c - 1;
    }
  } else {
    // wrap: [abcd] -> [abcd|abcd|abcd]
    const sz = len - 1;
    if (c < 0) c += len * (Math.trunc(-c / sz) + 1);
    else if (c > len - 1) c -= len * Math.trunc(c / sz);
  }
  return Math.min(Math.max(c, 0), len - 1);
}

/**
 * The four bilinear taps of every output pixel: row indices into the batch's
 * pixels [batch·h·w] and their weights (0 for a tap outside the image, which
 * reads Keras's fill value 0). Computed on the host from the host-side draws.
 */
export function bilinearTaps(transforms: readonly Transform[], height: number, width: number, fillMode: FillMode): { indices: Int32Array; weights: Float32Array } {
  const pixels = transforms.length * height * width;
  const indices = new Int32Array(4 * pixels);
  const weights = new Float32Array(4 * pixels);
  let p = 0;
  transforms.forEach((t, b) => {
    for (let oy = 0; oy < height; oy++) {
      for (let ox = 0; ox < width; ox++, p++) {
        const k = t[6] * ox + t[7] * oy + 1;
        // k = 0: the point is at infinity, outside the image (all taps weigh 0).
        if (k === 0) continue;
        const x = mapCoordinate((t[0] * ox + t[1] * oy + t[2]) / k, width, fillMode);
        const y = mapCoordinate((t[3] * ox + t[4] * oy + t[5]) / k, height, fillMode);
        const x0 = Math.floor(x);
        const y0 = Math.floor(y);
        const fx = x - x0;
        const fy = y - y0;
        // Taps (y0, x0), (y0, x0 + 1), (y0 + 1, x0), (y0 + 1, x0 + 1); one outside the image keeps weight 0.
        const rowIn0 = y0 >= 0 && y0 < height;
        const rowIn1 = y0 + 1 >= 0 && y0 + 1 < height;
        const colIn0 = x0 >= 0 && x0 < width;
        const colIn1 = x0 + 1 >= 0 && x0 + 1 < width;
        const base = (b * height + y0) * width + x0;
        if (rowIn0 && colIn0) {
          indices[p] = base;
          weights[p] = (1 - fy) * (1 - fx);
        }
        if (rowIn0 && colIn1) {
          indices[pixels + p] = base + 1;
          weights[pixels + p] = (1 - fy) * fx;
        }
        if (rowIn1 && colIn0) {
          indices[2 * pixels + p] = base + width;
          weights[2 * pixels + p] = fy * (1 - fx);
        }
        if (rowIn1 && colIn1) {
          indices[3 * pixels + p] = base + width + 1;
          weights[3 * pixels + p] = fy * fx;
        }
      }
    }
  });
  return { indices, weights };
}

/**
 * Applies one projective transform per image, bilinear and with Keras's fill
 * modes, as TensorFlow's ImageProjectiveTransformV3 does. Not tfjs's
 * tf.image.transform: its CPU kernel transforms only the first image of a
 * batch and its WASM kernel maps edges differently, so a run would depend on
 * the backend. This is a gather of four taps per pixel (GatherV2, Mul, Sum:
 * kernels every backend has). Its gradient, for a layer placed after weights,
 * scatters the output's gradient back to the taps (ScatterNd, which WASM has;
 * tfjs's own gather gradient needs UnsortedSegmentSum, which WASM lacks).
 */
export function transformImages(images: tf.Tensor4D, transforms: Transform[], fillMode: FillMode): tf.Tensor4D {
  const [batch, height, width, channels] = images.shape;
  const { indices, weights } = bilinearTaps(transforms, height, width, fillMode);
  const pixels = batch * height * width;
  const resample = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const x = args[0] as tf.Tensor; // [b, h, w, c]
    const tapIndices = tf.tensor1d(indices, 'int32');
    const tapWeights = tf.tensor3d(weights, [4, pixels, 1]);
    const value = tf.tidy(() => {
      const taps = tf.reshape(tf.gather(tf.reshape(x, [pixels, channels]), tapIndices), [4, pixels, channels]); // [4, b·h·w, c]
      return tf.reshape(tf.sum(tf.mul(taps, tapWeights), 0), [batch, height, width, channels]);
    });
    tf.dispose([tapIndices, tapWeights]);
    const gradFunc = (dy: tf.Tensor) =>
      tf.tidy(() => {
        // Each tap hands its weight's share of the output gradient back to the pixel it read.
        const shares = tf.mul(tf.reshape(dy, [1, pixels, channels]), tf.tensor3d(weights, [4, pixels, 1])); // [4, b·h·w, c]
        const dx = tf.scatterND(tf.tensor2d(indices, [4 * pixels, 1], 'int32'), tf.reshape(shares, [4 * pixels, channels]), [pixels, channels]);
        return tf.reshape(dx, [batch, height, width, channels]);
      });
    return { value, gradFunc };
  });
  return resample(images) as tf.Tensor4D;
}

export { factorRange, type Factor };
