import { describe, expect, it } from 'vitest';
import { contentHash } from './hash';
import type { ImageSplit } from './types';

const split = (pixels: number[], labels: number[]): ImageSplit => ({ images: new Uint8Array(pixels), labels: new Uint16Array(labels), count: labels.length });

describe('contentHash', () => {
  it('is a SHA-256 hex digest that changes with any pixel, label, split or shape', async () => {
    const base = await contentHash([1, 1, 1], 2, split([1, 2], [0, 1]), null);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(await contentHash([1, 1, 1], 2, split([1, 2], [0, 1]), null)).toBe(base);
    const variants = await Promise.all([
      contentHash([1, 1, 1], 2, split([1, 3], [0, 1]), null),
      contentHash([1, 1, 1], 2, split([1, 2], [1, 0]), null),
      contentHash([1, 1, 1], 3, split([1, 2], [0, 1]), null),
      contentHash([1, 1, 1], 2, split([1], [0]), split([2], [1])),
      contentHash([1, 2, 1], 2, split([1, 2], [0]), null),
    ]);
    expect(new Set([base, ...variants]).size).toBe(6);
  });

  it('tells label 1 from label 256 (labels are hashed as two bytes)', async () => {
    const a = await contentHash([1, 1, 1], 300, split([0], [1]), null);
    const b = await contentHash([1, 1, 1], 300, split([0], [256]), null);
    expect(a).not.toBe(b);
  });
});
