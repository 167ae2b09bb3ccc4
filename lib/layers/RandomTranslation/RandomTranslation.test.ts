import { describe, expect, it } from 'vitest';
import { augmentOnce, imageOf, rowsOf } from '../shared/tfjs-augment-testing';
import { RandomTranslation } from '.';
import { build } from './tfjs';

describe('RandomTranslation', () => {
  it('takes a factor as a number in [0, 1] or [lower, upper], fill mode reflect by default', () => {
    expect(RandomTranslation.params.parse({ heightFactor: 0.1, widthFactor: [-0.2, 0.3] })).toEqual({ heightFactor: 0.1, widthFactor: [-0.2, 0.3], fillMode: 'reflect' });
    const negative = RandomTranslation.params.safeParse({ heightFactor: -0.1, widthFactor: 0.1 });
    expect(negative.error?.issues[0]?.message).toBe('expected a number in [0, 1] or [lower, upper] within [-1, 1], got -0.1');
    const reversed = RandomTranslation.params.safeParse({ heightFactor: [0.3, 0.1], widthFactor: 0.1 });
    expect(reversed.error?.issues[0]?.message).toBe('expected lower ≤ upper, got [0.3,0.1]');
    expect(RandomTranslation.params.safeParse({ heightFactor: 0.1 }).success).toBe(false);
  });

  it('writes Keras code with both factors and the fill mode', () => {
    expect(RandomTranslation.keras({ heightFactor: 0.1, widthFactor: [-0.2, 0.3], fillMode: 'constant' }, "'t'")).toBe(
      "layers.RandomTranslation(0.1, (-0.2, 0.3), fill_mode='constant', name='t')",
    );
  });

  it('moves the image down and right by the drawn fraction (Keras’s direction), filling by the fill mode', () => {
    // An 8×8 image with one bright pixel at (2, 3); a fixed draw of 1/4 moves it by 2 rows and 2 columns.
    const image = imageOf(8, 8, (r, c) => (r === 2 && c === 3 ? 1 : 0));
    const out = rowsOf(augmentOnce(build, { heightFactor: [0.25, 0.25], widthFactor: [0.25, 0.25], fillMode: 'constant' }, image));
    expect(out[4]![5]).toBeCloseTo(1, 5);
    expect(out.flat().reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    image.dispose();
  });

  it('reflect fills the uncovered edge with the mirrored image, constant with 0', () => {
    // Each pixel holds its column + 1; moving right by 2 uncovers columns 0 and 1.
    const image = imageOf(4, 8, (_r, c) => c + 1);
    const moved = (fillMode: 'reflect' | 'constant') => rowsOf(augmentOnce(build, { heightFactor: 0, widthFactor: [0.25, 0.25], fillMode }, image))[0]!;
    expect(moved('constant').map((v) => Math.round(v * 1e4) / 1e4)).toEqual([0, 0, 1, 2, 3, 4, 5, 6]);
    expect(moved('reflect').map((v) => Math.round(v * 1e4) / 1e4)).toEqual([2, 1, 1, 2, 3, 4, 5, 6]);
    image.dispose();
  });
});
