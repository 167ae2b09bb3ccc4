import { describe, expect, it } from 'vitest';
import { augmentOnce, imageOf, rowsOf } from '../shared/tfjs-augment-testing';
import { RandomZoom } from '.';
import { build } from './tfjs';

describe('RandomZoom', () => {
  it('takes a height factor and an optional width factor (absent keeps the aspect ratio)', () => {
    expect(RandomZoom.params.parse({ heightFactor: 0.1 })).toEqual({ heightFactor: 0.1 });
    expect(RandomZoom.params.parse({ heightFactor: 0.1, widthFactor: [-0.2, 0] })).toEqual({ heightFactor: 0.1, widthFactor: [-0.2, 0] });
    expect(RandomZoom.params.safeParse({ heightFactor: 1.5 }).error?.issues[0]?.message).toBe(
      'expected a number in [0, 1] or [lower, upper] within [-1, 1], got 1.5',
    );
  });

  it('writes Keras code with width_factor None when absent', () => {
    expect(RandomZoom.keras({ heightFactor: 0.1 }, "'z'")).toBe("layers.RandomZoom(0.1, None, name='z')");
    expect(RandomZoom.keras({ heightFactor: 0.1, widthFactor: 0.2 }, "'z'")).toBe("layers.RandomZoom(0.1, 0.2, name='z')");
  });

  it('a negative draw zooms in about the centre: the middle half of a 9-wide ramp fills the width', () => {
    // Each pixel holds its column; zoom 1 − 0.5 samples columns 2, 2.5, …, 6.
    const image = imageOf(9, 9, (_r, c) => c);
    const out = rowsOf(augmentOnce(build, { heightFactor: [-0.5, -0.5] }, image));
    expect(out[4]!.map((v) => Math.round(v * 1e4) / 1e4)).toEqual([2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5, 6]);
    image.dispose();
  });

  it('without a width factor the width zooms by the same draw as the height', () => {
    const image = imageOf(9, 9, (r, c) => r * 100 + c);
    const out = rowsOf(augmentOnce(build, { heightFactor: [-0.5, -0.5] }, image));
    // Row 4 of the output is row 4 of the input (the centre), columns 2…6.
    expect(out[0]![0]).toBeCloseTo(200 + 2, 3);
    expect(out[8]![8]).toBeCloseTo(600 + 6, 3);
    image.dispose();
  });
});
