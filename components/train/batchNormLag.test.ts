import { describe, expect, it } from 'vitest';
import { templateDocument } from '@/lib/templates';
import type { EpochMetrics } from '@/lib/train/metrics';
import { batchNormLag } from './batchNormLag';

const epoch = (accuracy: number, valAccuracy: number | null, index = 0): EpochMetrics => ({
  epoch: index,
  loss: 1,
  accuracy,
  valLoss: 1,
  valAccuracy,
  durationMs: 1000,
  samplesPerSec: 100,
});

describe('batchNormLag', () => {
  const course = templateDocument('course-cnn');

  it('explains the course CNN after 1 epoch on 1,000 images: 75 % training, 20 % validation, 32 steps', () => {
    const lag = batchNormLag(course, [epoch(0.75, 0.2)], 1000, 32);
    expect(lag).toMatchObject({ trainAccuracy: 0.75, valAccuracy: 0.2, steps: 32, momentum: 0.99 });
    expect(lag!.startingWeight).toBeCloseTo(0.99 ** 32, 10); // ≈ 72 %
  });

  it('says nothing once the moving averages have had enough steps', () => {
    const epochs = Array.from({ length: 20 }, (_, i) => epoch(0.95, 0.5, i));
    expect(batchNormLag(course, epochs, 1000, 32)).toBeNull(); // 640 steps: 0.99^640 ≈ 0.2 %
  });

  it('says nothing for a net without BatchNormalization, a small gap, or no validation', () => {
    expect(batchNormLag(templateDocument('dense-baseline'), [epoch(0.75, 0.2)], 1000, 32)).toBeNull();
    expect(batchNormLag(course, [epoch(0.75, 0.6)], 1000, 32)).toBeNull();
    expect(batchNormLag(course, [epoch(0.75, null)], 1000, 32)).toBeNull();
  });

  it('uses the slowest momentum: with 0.9 everywhere, 64 steps are enough', () => {
    const fast = { ...course, nodes: course.nodes.map((n) => (n.type === 'BatchNormalization' ? { ...n, params: { ...n.params, momentum: 0.9 } } : n)) };
    expect(batchNormLag(fast, [epoch(0.75, 0.2), epoch(0.8, 0.3, 1)], 1000, 32)).toBeNull(); // 0.9^64 ≈ 0.1 %
  });
});
