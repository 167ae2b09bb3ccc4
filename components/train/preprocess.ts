/**
 * RGBA pixels of an image already drawn at the model's size -> the floats the
 * model reads: [0, 1], HWC, grey (channel mean) when the model takes 1 channel.
 * `invert` turns dark-on-light drawings or photos into the light-on-dark look
 * of MNIST-style data.
 */
export function rgbaToInput(rgba: Uint8ClampedArray, shape: readonly [number, number, number], invert: boolean): Float32Array {
  const [h, w, c] = shape;
  const out = new Float32Array(h * w * c);
  for (let p = 0; p < h * w; p++) {
    const r = rgba[p * 4]! / 255;
    const g = rgba[p * 4 + 1]! / 255;
    const b = rgba[p * 4 + 2]! / 255;
    const channels = c === 1 ? [(r + g + b) / 3] : [r, g, b];
    for (let k = 0; k < c; k++) {
      const v = channels[Math.min(k, channels.length - 1)]!;
      out[p * c + k] = invert ? 1 - v : v;
    }
  }
  return out;
}

/** The k most probable classes, best first. */
export function topClasses(probabilities: readonly number[], k: number): Array<{ index: number; probability: number }> {
  return probabilities
    .map((probability, index) => ({ index, probability }))
    .sort((a, b) => b.probability - a.probability)
    .slice(0, k);
}
