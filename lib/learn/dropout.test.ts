import { describe, expect, it } from 'vitest';
import { applyDropout, dropMask, keepScale, seededRandom } from './dropout';

describe('dropout', () => {
  it('drops about `rate` of the units over many steps, a fresh set each step', () => {
    const random = seededRandom(7);
    const masks = Array.from({ length: 2000 }, () => dropMask(10, 0.4, random));
    const dropped = masks.flat().filter(Boolean).length / (2000 * 10);
    expect(dropped).toBeGreaterThan(0.37);
    expect(dropped).toBeLessThan(0.43);
    const distinct = new Set(masks.slice(0, 20).map((m) => m.map(Number).join('')));
    expect(distinct.size).toBeGreaterThan(10);
  });

  it('rate 0 never drops', () => {
    const random = seededRandom(1);
    expect(Array.from({ length: 100 }, () => dropMask(10, 0, random)).flat().some(Boolean)).toBe(false);
  });

  it('scales the survivors by 1/(1 − rate) so the expected sum is unchanged', () => {
    expect(keepScale(0.2)).toBeCloseTo(1.25, 12);
    expect(applyDropout([1, 2, 3, 4], [false, true, false, false], 0.2)).toEqual([1.25, 0, 3.75, 5]);
    const random = seededRandom(3);
    const activations = [0.5, 1, 1.5, 2, 0.2, 0.8, 1.2, 0.1, 0.9, 0.3];
    let total = 0;
    const steps = 20000;
    for (let i = 0; i < steps; i++) total += applyDropout(activations, dropMask(10, 0.4, random), 0.4).reduce((a, b) => a + b, 0);
    const exact = activations.reduce((a, b) => a + b, 0);
    expect(Math.abs(total / steps - exact) / exact).toBeLessThan(0.02);
  });

  it('at inference passes every activation through unscaled', () => {
    expect(applyDropout([1, 2, 3], null, 0.4)).toEqual([1, 2, 3]);
  });
});
