import { describe, expect, it } from 'vitest';
import { dataErrorCodes } from '@/lib/data/errors';
import en from '@/lib/i18n/messages/en/data.json';
import zh from '@/lib/i18n/messages/zh-CN/data.json';

const placeholders = (message: string) => [...message.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort();

function flatten(value: unknown, prefix = ''): Record<string, string> {
  if (typeof value === 'string') return { [prefix]: value };
  return Object.entries(value as Record<string, unknown>).reduce(
    (all, [k, v]) => ({ ...all, ...flatten(v, prefix ? `${prefix}.${k}` : k) }),
    {} as Record<string, string>,
  );
}

describe('data messages', () => {
  it('translate every data error code in both languages', () => {
    for (const code of dataErrorCodes) {
      expect(en.errors, `en errors.${code}`).toHaveProperty(code);
      expect(zh.errors, `zh-CN errors.${code}`).toHaveProperty(code);
    }
  });

  it('use the same placeholders in English and Chinese', () => {
    const zhFlat = flatten(zh);
    for (const [key, message] of Object.entries(flatten(en))) {
      expect(placeholders(zhFlat[key] ?? ''), key).toEqual(placeholders(message));
    }
  });
});
