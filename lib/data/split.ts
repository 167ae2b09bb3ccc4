// Pairs an IDX images file with its labels file into an ImageSplit.
import { parseIdxImages, parseIdxLabels } from './idx';
import { failure } from './errors';
import type { ImageSplit, ParseResult } from './types';

export interface IdxPair {
  shape: [number, number, number];
  images: Uint8Array;
  /** raw label values as stored in the file (not yet class indices) */
  rawLabels: Uint8Array;
  count: number;
}

export function pairIdx(images: Uint8Array, imagesFile: string, labels: Uint8Array, labelsFile: string): ParseResult<IdxPair> {
  const img = parseIdxImages(images, imagesFile);
  const lab = parseIdxLabels(labels, labelsFile);
  if (!img.ok || !lab.ok) return { ok: false, errors: [...(img.ok ? [] : img.errors), ...(lab.ok ? [] : lab.errors)] };
  if (img.value.count !== lab.value.length) {
    return failure(labelsFile, 'idxCountMismatch', { labels: lab.value.length, images: img.value.count, imagesFile });
  }
  return { ok: true, value: { shape: img.value.shape, images: img.value.images, rawLabels: lab.value, count: img.value.count } };
}

/** For files whose label values are already class indices 0..classCount-1 (the built-ins). */
export function splitWithKnownClasses(pair: IdxPair, classCount: number, labelsFile: string): ParseResult<ImageSplit> {
  const labels = new Uint16Array(pair.count);
  for (let i = 0; i < pair.count; i++) {
    const v = pair.rawLabels[i] ?? 0;
    if (v >= classCount) return failure(labelsFile, 'labelNotClass', { value: v, max: classCount - 1 }, { entry: `label ${i + 1}` });
    labels[i] = v;
  }
  return { ok: true, value: { images: pair.images, labels, count: pair.count } };
}
