// Pure pixel work for imported pictures: RGBA at any size -> the dataset's
// [h, w, c] bytes. Kept out of the canvas so tests run it and every browser
// gives the same bytes (and the same content hash).

export interface DecodedImage {
  width: number;
  height: number;
  /** width*height*4 bytes, RGBA, not premultiplied */
  rgba: Uint8Array | Uint8ClampedArray;
}

/** True when every pixel is gray (R = G = B), so one channel holds it all. */
export function isGrayscale(image: DecodedImage): boolean {
  const { rgba } = image;
  for (let i = 0; i < rgba.length; i += 4) {
    if (rgba[i] !== rgba[i + 1] || rgba[i] !== rgba[i + 2]) return false;
  }
  return true;
}

/**
 * Resizes with area averaging (each output pixel is the mean of the source
 * area it covers, which keeps thin strokes when shrinking) and converts to
 * `channels` (1: luminance, 3: RGB, 4: RGBA). Transparent pixels are laid on
 * white, the way an image viewer shows them.
 */
export function toPixels(image: DecodedImage, [h, w, c]: readonly [number, number, number], out: Uint8Array, offset: number): void {
  const { width: W, height: H, rgba } = image;
  const sy = H / h;
  const sx = W / w;
  const acc = new Float64Array(4);
  for (let y = 0; y < h; y++) {
    const y0 = y * sy;
    const y1 = y0 + sy;
    for (let x = 0; x < w; x++) {
      const x0 = x * sx;
      const x1 = x0 + sx;
      acc.fill(0);
      let total = 0;
      for (let yy = Math.floor(y0); yy < Math.min(H, Math.ceil(y1)); yy++) {
        const wy = Math.min(y1, yy + 1) - Math.max(y0, yy);
        for (let xx = Math.floor(x0); xx < Math.min(W, Math.ceil(x1)); xx++) {
          const weight = wy * (Math.min(x1, xx + 1) - Math.max(x0, xx));
          const p = (yy * W + xx) * 4;
          const alpha = (rgba[p + 3] ?? 255) / 255;
          for (let k = 0; k < 3; k++) acc[k] = (acc[k] ?? 0) + weight * ((rgba[p + k] ?? 0) * alpha + 255 * (1 - alpha));
          acc[3] = (acc[3] ?? 0) + weight * (rgba[p + 3] ?? 255);
          total += weight;
        }
      }
      const [r = 0, g = 0, b = 0, a = 0] = [...acc].map((v) => v / total);
      const o = offset + (y * w + x) * c;
      if (c === 1) out[o] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
      else {
        out[o] = Math.round(r);
        out[o + 1] = Math.round(g);
        out[o + 2] = Math.round(b);
        if (c === 4) out[o + 3] = Math.round(a);
      }
    }
  }
}
