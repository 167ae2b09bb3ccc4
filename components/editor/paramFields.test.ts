import { describe, expect, it } from 'vitest';
import { sidesParam } from '@/lib/layers/shared/sides';
import { formatFieldValue, parseFieldText } from './paramFields';

describe('parseFieldText', () => {
  it('reads an emptied optional number field as "no value" (the param is omitted: Keras None)', () => {
    const field = { key: 'maxValue', kind: 'number', step: 1, optional: true } as const;
    expect(parseFieldText(field, '  ')).toBeUndefined();
    expect(parseFieldText(field, '6')).toBe(6);
    expect(formatFieldValue(undefined)).toBe('');
  });

  it('keeps an emptied required number field as text, so its schema names the problem', () => {
    expect(parseFieldText({ key: 'epsilon', kind: 'number', step: 0.001 }, '')).toBe('');
  });
});


const padding = sidesParam('padding');

describe("the inspector's padding/cropping field", () => {
  it('the inspector field reads what it shows, brackets optional', () => {
    const field = { key: 'padding', kind: 'sides' } as const;
    for (const stored of [[[1, 1], [1, 1]], [[2, 2], [3, 3]], [[0, 1], [2, 3]]]) {
      expect(padding.parse(parseFieldText(field, formatFieldValue(stored)))).toEqual(stored);
    }
    expect(padding.parse(parseFieldText(field, '((0, 1), (2, 3))'))).toEqual([[0, 1], [2, 3]]);
    expect(padding.parse(parseFieldText(field, '[[0, 1], [2, 3]]'))).toEqual([[0, 1], [2, 3]]);
    expect(padding.safeParse(parseFieldText(field, '1, 2, 3')).success).toBe(false);
  });
});
