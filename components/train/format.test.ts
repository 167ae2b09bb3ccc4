import { describe, expect, it } from 'vitest';
import { formatDuration, formatPercent, smooth } from './format';

describe('format', () => {
  it('shows durations as m:ss or h:mm:ss', () => {
    expect(formatDuration(65)).toBe('1:05');
    expect(formatDuration(3723)).toBe('1:02:03');
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('–');
  });
  it('shows accuracy as a percentage with one decimal', () => {
    expect(formatPercent(0.8123, 'en')).toBe('81.2%');
    expect(formatPercent(0.8123, 'zh-CN')).toBe('81.2%');
    expect(formatPercent(0.8123, 'de')).toBe('81,2\u00a0%'); // the locale decides, not a hard-coded pattern
    expect(formatPercent(null, 'en')).toBe('–');
  });
  it('smooths without pulling the first values towards zero', () => {
    expect(smooth([2, 2, 2])).toEqual([2, 2, 2].map(() => expect.closeTo(2, 10)));
    const s = smooth([1, 0, 1, 0, 1, 0]);
    expect(Math.max(...s.slice(2)) - Math.min(...s.slice(2))).toBeLessThan(0.5);
  });
});
