// Which images the sample grid shows: an even spread over the split (or over
// one class), shifted by a page number so "other samples" shows new ones.
import type { ImageSplit } from '@/lib/data';

export function pickSamples(split: ImageSplit, classIndex: number | null, howMany: number, page: number): { indices: number[]; total: number } {
  const pool: number[] = [];
  if (classIndex === null) {
    const total = split.count;
    const step = Math.max(1, Math.floor(total / howMany));
    const shift = (page * 7919) % step; // a prime stride, so pages differ even for small steps
    for (let i = 0; i < howMany && i * step + shift < total; i++) pool.push(i * step + shift);
    return { indices: pool, total };
  }
  for (let i = 0; i < split.count; i++) if (split.labels[i] === classIndex) pool.push(i);
  const total = pool.length;
  if (total <= howMany) return { indices: pool, total };
  const step = Math.floor(total / howMany);
  const shift = (page * 7919) % step;
  return { indices: Array.from({ length: howMany }, (_, i) => pool[i * step + shift] ?? 0), total };
}

/** Image `index` of the split as RGBA for a canvas: gray is repeated into R, G and B. */
export function toRgba(split: ImageSplit, shape: readonly [number, number, number], index: number): Uint8ClampedArray<ArrayBuffer> {
  const [h, w, c] = shape;
  const size = h * w * c;
  const source = split.images.subarray(index * size, (index + 1) * size);
  const rgba = new Uint8ClampedArray(h * w * 4);
  for (let p = 0; p < h * w; p++) {
    const r = source[p * c] ?? 0;
    rgba[p * 4] = r;
    rgba[p * 4 + 1] = c >= 3 ? (source[p * c + 1] ?? 0) : r;
    rgba[p * 4 + 2] = c >= 3 ? (source[p * c + 2] ?? 0) : r;
    rgba[p * 4 + 3] = 255;
  }
  return rgba;
}

/** Images per class in a split. */
export function classCounts(split: ImageSplit | null, classCount: number): number[] {
  const counts = new Array<number>(classCount).fill(0);
  if (!split) return counts;
  for (let i = 0; i < split.count; i++) {
    const label = split.labels[i] ?? 0;
    counts[label] = (counts[label] ?? 0) + 1;
  }
  return counts;
}
