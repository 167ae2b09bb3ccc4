// Grayscale images for the kernel gallery: dataset samples and uploaded
// photos become one channel of floats in 0–1.

export interface GrayImage {
  width: number;
  height: number;
  /** height*width values, row-major, 0 = black, 1 = white (results may leave this range) */
  pixels: Float32Array;
}

/** ITU-R BT.601 luma, the weights tf.image.rgbToGrayscale uses. */
const LUMA = [0.2989, 0.587, 0.114] as const;

/** One image of a dataset split (HWC bytes, image after image) as grayscale. */
export function sampleImage(images: Uint8Array, shape: readonly [number, number, number], index: number): GrayImage {
  const [height, width, channels] = shape;
  const size = height * width * channels;
  const start = index * size;
  if (index < 0 || start + size > images.length) throw new Error(`sample ${index} is outside the split (${Math.floor(images.length / size)} images)`);
  const pixels = new Float32Array(height * width);
  for (let p = 0; p < height * width; p++) {
    const at = start + p * channels;
    pixels[p] = channels >= 3 ? (LUMA[0] * images[at]! + LUMA[1] * images[at + 1]! + LUMA[2] * images[at + 2]!) / 255 : images[at]! / 255;
  }
  return { width, height, pixels };
}

/** Canvas RGBA bytes as grayscale (alpha ignored: transparent pixels count as their colour). */
export function grayFromRgba(data: Uint8ClampedArray | Uint8Array, width: number, height: number): GrayImage {
  const pixels = new Float32Array(width * height);
  for (let p = 0; p < width * height; p++) {
    pixels[p] = (LUMA[0] * data[4 * p]! + LUMA[1] * data[4 * p + 1]! + LUMA[2] * data[4 * p + 2]!) / 255;
  }
  return { width, height, pixels };
}

/** RGBA bytes for a canvas: values clamped to 0–1, then 0–255 gray. */
export function displayBytes(image: GrayImage): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(image.width * image.height * 4);
  for (let p = 0; p < image.pixels.length; p++) {
    const v = Math.round(Math.min(Math.max(image.pixels[p]!, 0), 1) * 255);
    out[4 * p] = v;
    out[4 * p + 1] = v;
    out[4 * p + 2] = v;
    out[4 * p + 3] = 255;
  }
  return out;
}

export function valueRange(values: ArrayLike<number>): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return values.length === 0 ? { min: 0, max: 0 } : { min, max };
}

/** The largest size within `limit` × `limit` keeping the aspect ratio, never enlarging. */
export function fitWithin(width: number, height: number, limit: number): [number, number] {
  const scale = Math.min(1, limit / Math.max(width, height));
  return [Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale))];
}
