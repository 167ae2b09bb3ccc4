import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { COURSE_BLUR, COURSE_IMAGE } from './course';
import { convolve } from './convolve';
import { formatResult } from './format';
import { pool } from './pool';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const show = (grid: number[][]) => grid.map((row) => row.map((v) => formatResult(v)).join(' '));

describe('pooling the course feature map', () => {
  const featureMap = convolve(COURSE_IMAGE, COURSE_BLUR, { stride: [1, 1], padding: 'valid' }).output;

  it('2×2 max pooling with stride 2 keeps the largest of each window', () => {
    const p = pool(featureMap, { size: [2, 2], stride: [2, 2], padding: 'valid' });
    expect(show(p.max)).toEqual(['.82 .82', '.95 .95']);
    expect(p.windows.map((w) => `${w.maxAt.row},${w.maxAt.col}`)).toEqual(['1,1', '1,2', '2,1', '2,2']);
  });

  it('average pooling takes the mean of the same windows', () => {
    // (.56 + .57 + .70 + .82) / 4 = .6625
    expect(show(pool(featureMap, { size: [2, 2], stride: [2, 2], padding: 'valid' }).average)).toEqual(['.66 .66', '.74 .74']);
  });
});

describe('pooling agrees with tf.maxPool and tf.avgPool', () => {
  it('on random maps, sizes, strides and paddings', () => {
    const arb = fc
      .record({
        rows: fc.integer({ min: 1, max: 8 }),
        cols: fc.integer({ min: 1, max: 8 }),
        ph: fc.integer({ min: 1, max: 3 }),
        pw: fc.integer({ min: 1, max: 3 }),
        sh: fc.integer({ min: 1, max: 3 }),
        sw: fc.integer({ min: 1, max: 3 }),
        padding: fc.constantFrom<'valid' | 'same'>('valid', 'same'),
      })
      .filter((c) => c.padding === 'same' || (c.ph <= c.rows && c.pw <= c.cols))
      .chain((c) =>
        fc.record({
          c: fc.constant(c),
          map: fc.array(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: c.cols, maxLength: c.cols }), {
            minLength: c.rows,
            maxLength: c.rows,
          }),
        }),
      );
    fc.assert(
      fc.property(arb, ({ c, map }) => {
        const mine = pool(map, { size: [c.ph, c.pw], stride: [c.sh, c.sw], padding: c.padding });
        const x = tf.tensor4d(map.flat(), [1, c.rows, c.cols, 1]);
        const max = tf.maxPool(x, [c.ph, c.pw], [c.sh, c.sw], c.padding);
        const avg = tf.avgPool(x, [c.ph, c.pw], [c.sh, c.sw], c.padding);
        const close = (t: tf.Tensor4D, grid: number[][]) => {
          expect(t.shape.slice(1, 3)).toEqual([grid.length, grid[0]?.length ?? 0]);
          const values = t.dataSync();
          grid.flat().forEach((v, i) => expect(Math.abs(v - values[i]!)).toBeLessThan(1e-4));
        };
        close(max, mine.max);
        close(avg, mine.average);
        tf.dispose([x, max, avg]);
      }),
      { numRuns: 100 },
    );
  });
});
