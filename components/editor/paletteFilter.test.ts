import { describe, expect, it } from 'vitest';
import { categoryOrder, layerDef, layerTypes } from '@/lib/graph';
import en from '@/lib/i18n/messages/en/layers.json';
import zh from '@/lib/i18n/messages/zh-CN/layers.json';
import { matchesFilter, parseClosedGroups } from './paletteFilter';

const descriptions = { en: en.descriptions as Record<string, string>, zh: zh.descriptions as Record<string, string> };
const shown = (query: string, lang: 'en' | 'zh') => layerTypes.filter((t) => matchesFilter(query, t, descriptions[lang][t] ?? '')).sort();

describe('palette filter', () => {
  it('"pool" shows the pooling types and nothing else', () => {
    expect(shown('pool', 'en')).toEqual(layerTypes.filter((t) => layerDef(t).category === 'pooling').sort());
    expect(shown('POOL', 'en')).toEqual(shown('pool', 'en'));
  });

  it('matches the description in the user’s language, every word', () => {
    expect(shown('窗口 最大值', 'zh')).toEqual(['MaxPooling2D']);
    expect(shown('largest window', 'en')).toEqual(['MaxPooling2D']);
    expect(shown('largest zebra', 'en')).toEqual([]);
  });

  it('an empty or blank query shows every type', () => {
    expect(shown('', 'en')).toEqual([...layerTypes].sort());
    expect(shown('   ', 'zh')).toEqual([...layerTypes].sort());
  });
});

describe('closed palette groups in localStorage', () => {
  it('reads the stored list and ignores anything else', () => {
    expect([...parseClosedGroups('["pooling","core"]', categoryOrder)]).toEqual(['pooling', 'core']);
    expect(parseClosedGroups('["nope"]', categoryOrder).size).toBe(0);
    expect(parseClosedGroups('{', categoryOrder).size).toBe(0);
    expect(parseClosedGroups('{"pooling":true}', categoryOrder).size).toBe(0);
    expect(parseClosedGroups(null, categoryOrder).size).toBe(0);
  });
});
