import { describe, expect, it } from 'vitest';
import { classCounts, pickSamples, toRgba } from './samples';

const split = {
  count: 10,
  images: Uint8Array.from({ length: 10 * 4 }, (_, i) => i),
  labels: Uint16Array.from([0, 1, 1, 2, 0, 1, 2, 2, 2, 0]),
};

describe('sample grid data', () => {
  it('spreads samples over the whole split and shows others on the next page', () => {
    const first = pickSamples(split, null, 5, 0);
    expect(first.total).toBe(10);
    expect(first.indices).toHaveLength(5);
    expect(new Set(first.indices).size).toBe(5);
    const second = pickSamples(split, null, 5, 1);
    expect(second.indices).not.toEqual(first.indices);
  });

  it('shows only the chosen class', () => {
    const { indices, total } = pickSamples(split, 2, 3, 0);
    expect(total).toBe(4);
    expect(indices.map((i) => split.labels[i])).toEqual([2, 2, 2]);
  });

  it('counts images per class', () => {
    expect(classCounts(split, 4)).toEqual([3, 3, 4, 0]);
    expect(classCounts(null, 2)).toEqual([0, 0]);
  });

  it('draws gray images as equal R, G and B with full alpha', () => {
    const rgba = toRgba(split, [2, 2, 1], 1);
    expect([...rgba.subarray(0, 8)]).toEqual([4, 4, 4, 255, 5, 5, 5, 255]);
  });
});
