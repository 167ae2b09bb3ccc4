import { describe, expect, it } from 'vitest';
import { messagesByLocale } from './messages';

function keys(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('messages', () => {
  it('every English string has a Chinese translation and vice versa', () => {
    const en = keys(messagesByLocale.en).sort();
    const zh = keys(messagesByLocale['zh-CN']).sort();
    expect(zh.filter((k) => !en.includes(k))).toEqual([]);
    expect(en.filter((k) => !zh.includes(k))).toEqual([]);
  });
});
