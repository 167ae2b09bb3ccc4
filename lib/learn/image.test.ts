import { describe, expect, it } from 'vitest';
import { displayBytes, fitWithin, grayFromRgba, sampleImage, valueRange } from './image';

describe('grayscale images', () => {
  it('takes the n-th image of a split and scales bytes to 0–1', () => {
    const images = new Uint8Array([0, 255, 51, 102, /* second image */ 255, 0, 0, 255]);
    expect(Array.from(sampleImage(images, [2, 2, 1], 1).pixels)).toEqual([1, 0, 0, 1]);
    expect(Array.from(sampleImage(images, [2, 2, 1], 0).pixels).map((v) => Math.round(v * 100) / 100)).toEqual([0, 1, 0.2, 0.4]);
    expect(() => sampleImage(images, [2, 2, 1], 2)).toThrow('sample 2 is outside the split (2 images)');
  });

  it('weights red, green and blue by luma: green looks brightest', () => {
    const rgba = new Uint8ClampedArray([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255]);
    const [r, g, b, w] = Array.from(grayFromRgba(rgba, 4, 1).pixels);
    expect(g!).toBeGreaterThan(r!);
    expect(r!).toBeGreaterThan(b!);
    expect(w!).toBeCloseTo(1, 3);
  });

  it('clamps raw results for display', () => {
    const bytes = displayBytes({ width: 3, height: 1, pixels: new Float32Array([-2, 0.5, 3]) });
    expect([bytes[0], bytes[4], bytes[8], bytes[11]]).toEqual([0, 128, 255, 255]);
    expect(valueRange(new Float32Array([-2, 0.5, 3]))).toEqual({ min: -2, max: 3 });
  });

  it('shrinks big photos to fit, never enlarges small ones', () => {
    expect(fitWithin(4000, 3000, 160)).toEqual([160, 120]);
    expect(fitWithin(28, 28, 160)).toEqual([28, 28]);
  });
});
