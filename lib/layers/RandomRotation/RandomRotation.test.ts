import { describe, expect, it } from 'vitest';
import { augmentOnce, imageOf, rowsOf } from '../shared/tfjs-augment-testing';
import { RandomRotation } from '.';
import { build } from './tfjs';

describe('RandomRotation', () => {
  it('takes a fraction of a turn, as a number or [lower, upper]', () => {
    expect(RandomRotation.params.parse({ factor: 0.03 })).toEqual({ factor: 0.03 });
    expect(RandomRotation.params.parse({ factor: [-0.1, 0] })).toEqual({ factor: [-0.1, 0] });
    expect(RandomRotation.params.safeParse({ factor: 'a lot' }).error?.issues[0]?.message).toBe(
      'expected a number in [0, 1] or [lower, upper] within [-1, 1], got "a lot"',
    );
  });

  it('shows the angle range on its badge and writes Keras code', () => {
    expect(RandomRotation.summary({ factor: 0.03 })).toBe('±10.8° (±0.03)');
    expect(RandomRotation.keras({ factor: 0.03 }, "'r'")).toBe("layers.RandomRotation(0.03, name='r')");
    expect(RandomRotation.keras({ factor: [-0.1, 0.2] }, "'r'")).toBe("layers.RandomRotation((-0.1, 0.2), name='r')");
  });

  it('a quarter turn rotates counter-clockwise about the centre, as Keras does', () => {
    const image = imageOf(5, 5, (r, c) => r * 5 + c);
    const out = rowsOf(augmentOnce(build, { factor: [0.25, 0.25] }, image));
    // Counter-clockwise: the top row (0 1 2 3 4) becomes the left column read bottom-up.
    const expected = Array.from({ length: 5 }, (_, r) => Array.from({ length: 5 }, (_, c) => c * 5 + (4 - r)));
    out.forEach((row, r) => row.forEach((v, c) => expect(v).toBeCloseTo(expected[r]![c]!, 4)));
    image.dispose();
  });

  it('factor 0 leaves the image as it is', () => {
    const image = imageOf(6, 6, (r, c) => r + c / 10);
    const out = rowsOf(augmentOnce(build, { factor: 0 }, image));
    out.forEach((row, r) => row.forEach((v, c) => expect(v).toBeCloseTo(r + c / 10, 5)));
    image.dispose();
  });
});
