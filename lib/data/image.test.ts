import { describe, expect, it } from 'vitest';
import { isGrayscale, toPixels, type DecodedImage } from './image';

function gray(width: number, height: number, values: number[]): DecodedImage {
  const rgba = new Uint8Array(width * height * 4);
  values.forEach((v, i) => rgba.set([v, v, v, 255], i * 4));
  return { width, height, rgba };
}

describe('toPixels', () => {
  it('averages the area each output pixel covers when shrinking', () => {
    // 4×4 with a bright top-left 2×2 block
    const image = gray(4, 4, [200, 100, 0, 0, 100, 0, 0, 0, 0, 0, 40, 40, 0, 0, 40, 40]);
    const out = new Uint8Array(4);
    toPixels(image, [2, 2, 1], out, 0);
    expect([...out]).toEqual([100, 0, 0, 40]);
  });

  it('repeats pixels when enlarging', () => {
    const out = new Uint8Array(4);
    toPixels(gray(1, 1, [77]), [2, 2, 1], out, 0);
    expect([...out]).toEqual([77, 77, 77, 77]);
  });

  it('keeps colour in three channels and converts to luminance for one', () => {
    const red: DecodedImage = { width: 1, height: 1, rgba: new Uint8Array([255, 0, 0, 255]) };
    const rgb = new Uint8Array(3);
    toPixels(red, [1, 1, 3], rgb, 0);
    expect([...rgb]).toEqual([255, 0, 0]);
    const one = new Uint8Array(1);
    toPixels(red, [1, 1, 1], one, 0);
    expect(one[0]).toBe(76); // 0.299 * 255
  });

  it('lays transparent pixels on white', () => {
    const clear: DecodedImage = { width: 1, height: 1, rgba: new Uint8Array([0, 0, 0, 0]) };
    const out = new Uint8Array(1);
    toPixels(clear, [1, 1, 1], out, 0);
    expect(out[0]).toBe(255);
  });

  it('writes at the given offset and nowhere else', () => {
    const out = new Uint8Array(6).fill(9);
    toPixels(gray(1, 1, [5]), [1, 1, 1], out, 3);
    expect([...out]).toEqual([9, 9, 9, 5, 9, 9]);
  });
});

describe('isGrayscale', () => {
  it('tells gray from colour', () => {
    expect(isGrayscale(gray(2, 1, [3, 200]))).toBe(true);
    expect(isGrayscale({ width: 1, height: 1, rgba: new Uint8Array([1, 2, 1, 255]) })).toBe(false);
  });
});
