// The inspector's size arithmetic for transposed convolutions: the numbers it
// shows must add up to the output size (Conv2DTranspose's test checks that
// size against tfjs for the same grid).
import { describe, expect, it } from 'vitest';
import { sizeArithmetic, transposedOutputLength } from './window';

/** Evaluates `(n − 1)·s + k ± p` or `(n − 1)·s + max(k, s)` as the inspector writes it. */
function evaluate(row: string): { value: number; shown: number } {
  const m = /^(?:valid|same): \((\d+) − 1\)·(\d+) \+ (?:max\((\d+), (\d+)\)|(\d+))(?: ([−+]) (\d+))? = (\d+)$/.exec(row);
  if (!m) throw new Error(`unexpected arithmetic ${row}`);
  const [, n, s, maxK, maxS, k, sign, p, out] = m;
  const base = (Number(n) - 1) * Number(s) + (k !== undefined ? Number(k) : Math.max(Number(maxK), Number(maxS)));
  const value = p === undefined ? base : sign === '−' ? base - Number(p) : base + Number(p);
  return { value, shown: Number(out) };
}

describe('transposed size arithmetic', () => {
  it('shows the course decoder step 14 → 28 with kernel 3, stride 2, same', () => {
    expect(sizeArithmetic(14, 3, 2, 'same', true)).toBe('same: (14 − 1)·2 + 3 − 1 = 28');
    expect(sizeArithmetic(14, 3, 2, 'valid', true)).toBe('valid: (14 − 1)·2 + 3 = 29');
    expect(sizeArithmetic(14, 1, 2, 'valid', true)).toBe('valid: (14 − 1)·2 + max(1, 2) = 28');
  });

  it('adds up to the output length for every kernel, stride and padding (a stride above the kernel included)', () => {
    for (const padding of ['valid', 'same'] as const) {
      for (const n of [1, 2, 7, 14]) {
        for (const k of [1, 2, 3, 5]) {
          for (const s of [1, 2, 3, 4]) {
            const row = sizeArithmetic(n, k, s, padding, true);
            const { value, shown } = evaluate(row);
            expect(value, row).toBe(shown);
            expect(shown, row).toBe(transposedOutputLength(n, k, s, padding));
          }
        }
      }
    }
  });
});
