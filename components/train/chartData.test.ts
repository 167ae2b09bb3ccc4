import { describe, expect, it } from 'vitest';
import type { EpochMetrics } from '@/lib/train/metrics';
import { alignedCurves, bestEpoch, overlaidRuns } from './chartData';

const epoch = (e: number, loss: number, valLoss: number | null): EpochMetrics => ({
  epoch: e,
  loss,
  accuracy: 1 - loss,
  valLoss,
  valAccuracy: valLoss === null ? null : 1 - valLoss,
  durationMs: 1,
  samplesPerSec: 1,
});

describe('alignedCurves', () => {
  it('puts batch and epoch values on one x axis, epoch values at the end of their epoch', () => {
    const batches = [0.5, 1, 1.5, 2].map((x) => ({ x, loss: 1 / x, accuracy: x / 2 }));
    const [xs, smoothed, train, val] = alignedCurves(batches, [epoch(0, 0.9, 0.8), epoch(1, 0.5, 0.6)], 'loss');
    expect(xs).toEqual([0.5, 1, 1.5, 2]);
    expect(smoothed!.every((v) => v !== null)).toBe(true);
    expect(train).toEqual([null, 0.9, null, 0.5]);
    expect(val).toEqual([null, 0.8, null, 0.6]);
  });
});

describe('overlaidRuns', () => {
  it('gives each run a column, null past its last epoch', () => {
    const data = overlaidRuns([{ epochs: [epoch(0, 1, 0.9), epoch(1, 0.5, 0.7)] }, { epochs: [epoch(0, 1, 0.8)] }], (e) => e.valLoss);
    expect(data).toEqual([[1, 2], [0.9, 0.7], [0.8, null]]);
  });
});

describe('bestEpoch', () => {
  it('is the epoch with the highest validation accuracy, not the last one', () => {
    // Validation accuracy 0.4, 0.7, 0.6: epoch 1 (0-based) is best although training goes on improving.
    expect(bestEpoch([epoch(0, 0.8, 0.6), epoch(1, 0.5, 0.3), epoch(2, 0.2, 0.4)])).toEqual({ epoch: 1, accuracy: 0.7, split: 'validation' });
  });

  it('falls back to training accuracy without a validation split, and the earliest of equals', () => {
    expect(bestEpoch([epoch(0, 0.5, null), epoch(1, 0.25, null), epoch(2, 0.25, null)])).toEqual({ epoch: 1, accuracy: 0.75, split: 'training' });
  });

  it('is null before the first epoch ends', () => {
    expect(bestEpoch([])).toBeNull();
  });
});
