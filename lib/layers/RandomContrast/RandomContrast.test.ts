import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { augmentOnce, rowsOf } from '../shared/tfjs-augment-testing';
import { contrastRange, RandomContrast } from '.';
import { build } from './tfjs';

describe('RandomContrast', () => {
  it('takes a factor in [0, 1] or a pair of distances from 1 in any order', () => {
    expect(RandomContrast.params.parse({ factor: 0.2 })).toEqual({ factor: 0.2 });
    expect(RandomContrast.params.parse({ factor: [0.3, 0.1] })).toEqual({ factor: [0.3, 0.1] });
    expect(contrastRange(0.2)).toEqual([0.8, 1.2]);
    expect(contrastRange([0.3, 0.1])).toEqual([0.7, 1.1]);
    expect(RandomContrast.params.safeParse({ factor: [-0.1, 0.2] }).error?.issues[0]?.message).toBe(
      'expected a number in [0, 1] or [lower, upper] within [0, 1], got [-0.1,0.2]',
    );
    expect(RandomContrast.keras({ factor: 0.2 }, "'c'")).toBe("layers.RandomContrast(0.2, name='c')");
    expect(RandomContrast.summary({ factor: 0.2 })).toBe('×0.8…1.2');
  });

  it('scales each image’s distance from its mean by one drawn multiplier in range', () => {
    // In [0.25, 0.75], so no multiplier up to 1.5 pushes a pixel under 0 (Keras clips there).
    const values = Array.from({ length: 4 * 16 }, (_, i) => 0.25 + (0.5 * ((i * 37) % 16)) / 16);
    const images = tf.tensor4d(values, [4, 4, 4, 1]);
    const input = images.arraySync() as number[][][][];
    const out = augmentOnce(build, { factor: 0.5 }, images);
    const multipliers: number[] = [];
    for (let i = 0; i < 4; i++) {
      const x = rowsOf(input, i).flat();
      const y = rowsOf(out, i).flat();
      const mean = x.reduce((a, b) => a + b, 0) / x.length;
      const ratios = x.map((v, j) => (v === mean ? null : (y[j]! - mean) / (v - mean))).filter((r): r is number => r !== null);
      for (const r of ratios) expect(r).toBeCloseTo(ratios[0]!, 4);
      expect(ratios[0]!).toBeGreaterThanOrEqual(0.5);
      expect(ratios[0]!).toBeLessThanOrEqual(1.5);
      multipliers.push(ratios[0]!);
    }
    // Drawn per image, as Keras 3 does.
    expect(new Set(multipliers.map((m) => m.toFixed(4))).size).toBeGreaterThan(1);
    images.dispose();
  });
});

describe('RandomContrast clipping', () => {
  it('clips below 0, as Keras clips to its value range [0, 255]', () => {
    const images = tf.tensor4d([0, 1, 0, 1], [1, 2, 2, 1]);
    const out = augmentOnce(build, { factor: [0, 1] }, images).flat(3);
    // Mean 0.5, multiplier ≥ 1: the dark pixels would go under 0 and stop there.
    expect(Math.min(...out)).toBe(0);
    images.dispose();
  });
});
