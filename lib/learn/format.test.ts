import { describe, expect, it } from 'vitest';
import { formatResult, formatValue, parseNumber, roundTo } from './format';

describe('the course number format', () => {
  it('writes results with two decimals and no leading zero', () => {
    expect([0.56, 0.5700000000000001, 0.6999999999999998, -0.25, 1.5, 12.345].map((v) => formatResult(v))).toEqual([
      '.56',
      '.57',
      '.70',
      '-.25',
      '1.50',
      '12.35',
    ]);
  });

  it('rounds halves away from zero the way hand arithmetic does', () => {
    // 0.575 is 0.57499999999999995559 in binary; toFixed would say .57.
    expect(formatResult(0.575)).toBe('.58');
    expect(formatResult(-0.575)).toBe('-.58');
    expect(roundTo(0.6625, 2)).toBe(0.66);
  });

  it('writes an exact zero as 0, a tiny value as .00', () => {
    expect(formatResult(0)).toBe('0');
    expect(formatResult(-0)).toBe('0');
    expect(formatResult(0.001)).toBe('.00');
    expect(formatResult(-0.001)).toBe('.00');
  });

  it('writes typed values as given', () => {
    expect([1, 0, -2, 0.06, 1.5, -0.5].map(formatValue)).toEqual(['1', '0', '-2', '.06', '1.5', '-.5']);
  });

  it('reads what a student types, rejecting anything else', () => {
    expect(['.5', '-.25', '1e-1', ' 2 ', '−1'].map(parseNumber)).toEqual([0.5, -0.25, 0.1, 2, -1]);
    expect(['', 'abc', '1..2', '0x10', 'Infinity'].map(parseNumber)).toEqual([null, null, null, null, null]);
  });
});
