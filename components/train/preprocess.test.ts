import { describe, expect, it } from 'vitest';
import { rgbaToInput, topClasses } from './preprocess';

describe('rgbaToInput', () => {
  it('averages colour to one grey channel in [0, 1] and can invert', () => {
    const rgba = new Uint8ClampedArray([255, 255, 255, 255, 0, 0, 255, 255]);
    expect(Array.from(rgbaToInput(rgba, [1, 2, 1], false))).toEqual([1, expect.closeTo(1 / 3, 5)]);
    expect(Array.from(rgbaToInput(rgba, [1, 2, 1], true))).toEqual([0, expect.closeTo(2 / 3, 5)]);
  });
  it('keeps three channels for colour models', () => {
    expect(Array.from(rgbaToInput(new Uint8ClampedArray([255, 0, 51, 255]), [1, 1, 3], false))).toEqual([1, 0, expect.closeTo(0.2, 5)]);
  });
});

describe('topClasses', () => {
  it('gives the three most probable classes, best first', () => {
    expect(topClasses([0.1, 0.5, 0.05, 0.35], 3).map((c) => c.index)).toEqual([1, 3, 0]);
  });
});
