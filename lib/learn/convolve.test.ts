import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { COURSE_BLUR, COURSE_IMAGE } from './course';
import { convolve, outputLength, padAmounts, padGrid, type ConvolutionOptions, type PaddingMode } from './convolve';
import { formatResult } from './format';
import { convolveGridTf } from './tfConvolve';

const show = (grid: number[][]) => grid.map((row) => row.map((v) => formatResult(v)).join(' '));
const valid = (s: number): ConvolutionOptions => ({ stride: [s, s], padding: 'valid' });

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('the course numbers', () => {
  it('the 6×6 image with the blur kernel gives the course 4×4 output at two decimals', () => {
    expect(show(convolve(COURSE_IMAGE, COURSE_BLUR, valid(1)).output)).toEqual([
      '.56 .57 .57 .56',
      '.70 .82 .82 .70',
      '.69 .95 .95 .69',
      '.64 .69 .69 .64',
    ]);
  });

  it('needs no rounding choice: in hundredths every output is a whole number', () => {
    // Weights in hundredths (6, 13, 25) times 0/1 pixels sum to integers, so
    // the course's two-decimal outputs are exact, not rounded.
    const out = convolve(COURSE_IMAGE, COURSE_BLUR, valid(1)).output.flat();
    for (const v of out) expect(Math.abs(v * 100 - Math.round(v * 100))).toBeLessThan(1e-9);
  });

  it('is the rounded kernel, not sixteenths, that gives the course numbers', () => {
    const sixteenths = COURSE_BLUR.map((row) => row.map((w) => ({ 0.06: 1, 0.13: 2, 0.25: 4 })[w]! / 16));
    const rows = show(convolve(COURSE_IMAGE, sixteenths, valid(1)).output);
    // .6875 rounds to .69 where the course prints .70.
    expect(rows[1]).toBe('.69 .81 .81 .69');
  });

  it('stride 1, 2 and 3 give the course first rows and the formula sizes', () => {
    const firstRow = (s: number) => show(convolve(COURSE_IMAGE, COURSE_BLUR, valid(s)).output)[0];
    expect(firstRow(1)).toBe('.56 .57 .57 .56');
    expect(firstRow(2)).toBe('.56 .57');
    expect(firstRow(3)).toBe('.56 .56');
    expect([1, 2, 3].map((s) => outputLength(6, 3, s, 0))).toEqual([4, 2, 2]);
  });

  it('padding: valid 6×6 → 4×4, zeros and replicate 8×8 padded → 6×6', () => {
    const sizes = (['valid', 'zero', 'replicate'] as const).map((padding) => {
      const c = convolve(COURSE_IMAGE, COURSE_BLUR, { stride: [1, 1], padding });
      return `${c.padded.length}×${c.padded[0]!.length} → ${c.output.length}×${c.output[0]!.length}`;
    });
    expect(sizes).toEqual(['6×6 → 4×4', '8×8 → 6×6', '8×8 → 6×6']);
  });

  it('zero padding puts a border of zeros around the image; replicate copies the border pixels', () => {
    const pad = { top: 1, bottom: 1, left: 1, right: 1 };
    const zero = padGrid(COURSE_IMAGE, pad, 'zero');
    expect(zero[0]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(zero[1]).toEqual([0, 1, 0, 1, 1, 0, 1, 0]);
    const rep = padGrid(COURSE_IMAGE, pad, 'replicate');
    expect(rep[0]).toEqual([1, 1, 0, 1, 1, 0, 1, 1]);
    expect(rep[7]).toEqual([1, 1, 1, 0, 0, 1, 1, 1]);
    expect(rep.map((r) => r[0])).toEqual([1, 1, 0, 0, 0, 1, 1, 1]);
  });

  it('the padded outputs keep the valid output in their middle', () => {
    for (const padding of ['zero', 'replicate'] as const) {
      const out = show(convolve(COURSE_IMAGE, COURSE_BLUR, { stride: [1, 1], padding }).output);
      expect(out.slice(1, 5).map((r) => r.split(' ').slice(1, 5).join(' '))).toEqual(show(convolve(COURSE_IMAGE, COURSE_BLUR, valid(1)).output));
    }
  });

  it('the step-by-step window lists the nine products that add up to the output cell', () => {
    const { windows } = convolve(COURSE_IMAGE, COURSE_BLUR, valid(1));
    expect(windows).toHaveLength(16);
    const second = windows[1]!;
    expect([second.outRow, second.outCol, second.top, second.left]).toEqual([0, 1, 0, 1]);
    expect(second.products.map((r) => r.map((p) => formatResult(p)).join(' '))).toEqual(['0 .13 .06', '.13 0 0', '.06 .13 .06']);
    expect(formatResult(second.sum)).toBe('.57');
  });
});

describe('Keras same padding amounts', () => {
  it('stride 1 pads (k − 1) / 2 on each side; stride 2 on an even size puts the extra after', () => {
    expect(padAmounts(6, 3, 1, 'zero')).toEqual([1, 1]);
    expect(padAmounts(6, 5, 1, 'zero')).toEqual([2, 2]);
    expect(padAmounts(6, 3, 2, 'zero')).toEqual([0, 1]);
    expect(padAmounts(6, 2, 1, 'zero')).toEqual([0, 1]);
    expect(padAmounts(6, 3, 1, 'valid')).toEqual([0, 0]);
  });

  it('same padding keeps ceil(n / s) outputs, like the graph analyzer', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 4 }), (n, k, s) => {
        const [a, b] = padAmounts(n, k, s, 'zero');
        expect(outputLength(n, k, s, a + b)).toBe(Math.ceil(n / s));
      }),
    );
  });
});

describe('the step-by-step arithmetic agrees with tf.conv2d', () => {
  const gridArb = (rows: number, cols: number) =>
    fc.array(fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows });

  it('on random images, kernels, strides and paddings', () => {
    const caseArb = fc
      .record({
        rows: fc.integer({ min: 1, max: 9 }),
        cols: fc.integer({ min: 1, max: 9 }),
        kh: fc.integer({ min: 1, max: 4 }),
        kw: fc.integer({ min: 1, max: 4 }),
        sh: fc.integer({ min: 1, max: 3 }),
        sw: fc.integer({ min: 1, max: 3 }),
        padding: fc.constantFrom<PaddingMode>('valid', 'zero', 'replicate'),
      })
      .filter((c) => c.padding !== 'valid' || (c.kh <= c.rows && c.kw <= c.cols))
      .chain((c) => fc.record({ c: fc.constant(c), image: gridArb(c.rows, c.cols), kernel: gridArb(c.kh, c.kw) }));
    fc.assert(
      fc.property(caseArb, ({ c, image, kernel }) => {
        const options: ConvolutionOptions = { stride: [c.sh, c.sw], padding: c.padding };
        const mine = convolve(image, kernel, options).output;
        const theirs = convolveGridTf(image, kernel, options);
        expect(theirs.length).toBe(mine.length);
        theirs.forEach((row, r) => {
          expect(row.length).toBe(mine[r]!.length);
          // tfjs computes in float32.
          row.forEach((v, col) => expect(Math.abs(v - mine[r]![col]!)).toBeLessThan(1e-4));
        });
      }),
      { numRuns: 150 },
    );
  });

  it('reproduces the course output too', () => {
    expect(show(convolveGridTf(COURSE_IMAGE, COURSE_BLUR, valid(1)))).toEqual(show(convolve(COURSE_IMAGE, COURSE_BLUR, valid(1)).output));
  });
});
