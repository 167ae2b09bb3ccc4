// Helpers for the data tests: tiny fake images inside real zip archives.
import { zipSync } from 'fflate';
import type { DecodedImage } from './image';
import type { DecodeImage } from './zip';

/**
 * The fake image format the tests put in zips: [width, height, then RGB per
 * pixel]. Real decoding (createImageBitmap) only exists in the browser.
 */
export function fakeImage(width: number, height: number, rgb: (x: number, y: number) => [number, number, number]): Uint8Array {
  const bytes = [width, height];
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) bytes.push(...rgb(x, y));
  return new Uint8Array(bytes);
}

export function fakeGray(width: number, height: number, value: number): Uint8Array {
  return fakeImage(width, height, () => [value, value, value]);
}

export const decodeFake: DecodeImage = async (bytes) => {
  const [width = 0, height = 0] = bytes;
  if (bytes.length !== 2 + width * height * 3 || width === 0 || height === 0) throw new Error('not a fake image');
  const rgba = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) rgba.set([...bytes.subarray(2 + p * 3, 5 + p * 3), 255], p * 4);
  const image: DecodedImage = { width, height, rgba };
  return image;
};

/** Paths ending in "/" become folder entries. */
export function makeZip(entries: Record<string, Uint8Array | null>): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [path, bytes] of Object.entries(entries)) files[path] = bytes ?? new Uint8Array();
  return zipSync(files, { level: 0 });
}
