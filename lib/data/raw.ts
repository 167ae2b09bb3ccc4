// What each file parser (CSV, IDX pair, zip) hands to the assembler: images
// already in the app's byte layout, labels still as the file wrote them.
import type { Where } from './errors';

/** [height, width, channels] */
export type Shape = [number, number, number];

export interface RawSplit {
  /** the file the images came from, for messages */
  file: string;
  shape: Shape;
  count: number;
  /** count*h*w*c bytes, HWC, image after image */
  images: Uint8Array;
  /** the label of each image as written in the file (CSV value, IDX byte, zip folder name) */
  labels: string[];
  /** where image i is in its file: a CSV row, an IDX record or a zip entry */
  locate(index: number): Where;
}

export function pixelsPerImage(shape: Shape): number {
  return shape[0] * shape[1] * shape[2];
}

/** A shape the user typed or chose: whole numbers, channels 1 (grayscale) or 3 (colour). */
export function isValidShape(shape: readonly number[]): shape is Shape {
  return (
    shape.length === 3 &&
    shape.every((n) => Number.isInteger(n) && n >= 1) &&
    (shape[2] === 1 || shape[2] === 3) &&
    (shape[0] ?? 0) <= 4096 &&
    (shape[1] ?? 0) <= 4096
  );
}

/** "28x28", "28×28×1", "32, 32, 3" -> [h, w, c]; channels default to 1. Null when it is not a shape. */
export function parseShapeText(text: string): Shape | null {
  const parts = text
    .trim()
    .split(/\s*[x×*,\s]\s*/i)
    .filter((p) => p !== '');
  if (parts.length < 2 || parts.length > 3 || !parts.every((p) => /^\d+$/.test(p))) return null;
  const shape = [...parts.map(Number), ...(parts.length === 2 ? [1] : [])];
  return isValidShape(shape) ? shape : null;
}
