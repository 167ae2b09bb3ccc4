import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { augmentOnce, rowsOf } from '../shared/tfjs-augment-testing';
import { RandomFlip } from '.';
import { build } from './tfjs';

// 8 different 3×3 images: each comes out as itself or mirrored, never anything else.
const batch = () => tf.tensor4d(Array.from({ length: 8 * 9 }, (_, i) => i), [8, 3, 3, 1]);
const flipRows = (rows: number[][]) => rows.map((r) => [...r].reverse());
const flipCols = (rows: number[][]) => [...rows].reverse();

describe('RandomFlip', () => {
  it('takes Keras’s modes, default horizontal_and_vertical, and names a bad one', () => {
    expect(RandomFlip.params.parse({})).toEqual({ mode: 'horizontal_and_vertical' });
    const bad = RandomFlip.params.safeParse({ mode: 'diagonal' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe(`expected one of 'horizontal_and_vertical', 'horizontal', 'vertical', got "diagonal"`);
  });

  it('writes Keras code with the mode', () => {
    expect(RandomFlip.keras({ mode: 'horizontal' }, "'flip1'")).toBe("layers.RandomFlip('horizontal', name='flip1')");
  });

  it('needs an image and keeps its shape; no weights', () => {
    expect(RandomFlip.outputShape([[28, 28, 1]], { mode: 'horizontal' })).toEqual({ ok: true, shape: [28, 28, 1] });
    const flat = RandomFlip.outputShape([[784]], { mode: 'horizontal' });
    expect(flat.ok || flat.problem.message).toBe('RandomFlip expects an image-shaped input [height, width, channels] but gets [784]: use an image-shaped Input, or insert a Reshape before it');
    // Keras's model.summary() shows 0 params for RandomFlip (it has no weights).
    expect(RandomFlip.paramCount([[28, 28, 1]], { mode: 'horizontal' })).toEqual({ trainable: 0, nonTrainable: 0 });
  });

  it.each([
    ['horizontal', [flipRows]],
    ['vertical', [flipCols]],
    ['horizontal_and_vertical', [flipRows, flipCols, (r: number[][]) => flipCols(flipRows(r))]],
  ] as const)('%s: every image comes out as itself or flipped that way, and some are flipped', (mode, flips) => {
    const images = batch();
    const input = images.arraySync() as number[][][][];
    const out = augmentOnce(build, { mode }, images);
    let flipped = 0;
    for (let i = 0; i < 8; i++) {
      const original = rowsOf(input, i);
      const got = rowsOf(out, i);
      const candidates = [original, ...flips.map((f) => f(original))];
      expect(candidates).toContainEqual(got);
      if (JSON.stringify(got) !== JSON.stringify(original)) flipped++;
    }
    expect(flipped).toBeGreaterThan(0);
    expect(flipped).toBeLessThan(8);
    images.dispose();
  });

  it('hands the image through unchanged at inference', () => {
    const images = batch();
    expect(augmentOnce(build, { mode: 'horizontal_and_vertical' }, images, { training: false })).toEqual(images.arraySync());
    images.dispose();
  });
});
