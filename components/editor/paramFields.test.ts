import { describe, expect, it } from 'vitest';
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
