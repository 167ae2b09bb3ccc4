// Numbers in messages are written in the reader's locale ("10,000", not "10000"):
// a plain {count} argument would print the bare digits.
import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { messagesByLocale } from './messages';

const translator = (locale: 'en' | 'zh-CN') => createTranslator({ locale, messages: messagesByLocale[locale] });

describe('numbers in messages', () => {
  it.each([
    ['en', 'Test accuracy: 81.2% (10,000 images)', 'Epoch 2 / 1,000', 'Batch 1,200 / 1,875', 'first 12,000 images'],
    ['zh-CN', '测试准确率：81.2%（10,000 张图像）', '第 2 / 1,000 轮', '第 1,200 / 1,875 批', '前 12,000 张图像'],
  ] as const)('%s: counts of images, epochs and batches are grouped', (locale, test, epoch, batch, subset) => {
    const t = translator(locale);
    expect(t('train.evaluation.testAccuracy', { value: '81.2%', count: 10_000 })).toBe(test);
    expect(t('train.progress.epoch', { epoch: 2, epochs: 1000 })).toBe(epoch);
    expect(t('train.progress.batch', { batch: 1200, batches: 1875 })).toBe(batch);
    expect(t('train.runs.subset', { count: 12_000 })).toBe(subset);
    expect(t('train.evaluation.partial', { count: 1000, available: 10_000 })).toContain('10,000');
    expect(t('train.hyper.issues.tooLargeForData', { value: 60_000, count: 54_000 })).toContain('54,000');
  });

  it('Chinese counts are grouped too, where English says them with a plural', () => {
    const t = translator('zh-CN');
    expect(t('editor.node.params', { count: 209_715_712 })).toBe('209,715,712 个参数');
    expect(t('data.list.classes', { count: 1000 })).toBe('1,000 个类别');
    expect(t('train.controls.trainMore', { count: 1000 })).toBe('再训练 1,000 轮');
  });

  it('writes the new limit and memory messages with grouped numbers', () => {
    const t = translator('en');
    expect(t('editor.issues.tooManyParams', { layer: 'Dense', count: 7_850_000_000_010, limit: 1_000_000_000 })).toMatch(/^Dense would have 7,850,000,000,010 parameters, more than the limit of 1,000,000,000/);
    expect(t('editor.totals.memory', { bytes: '25.9 MB', batch: 1024 })).toBe('Training memory ≈ 25.9 MB at batch 1,024');
  });
});
