import type { EpochMetrics } from '@/lib/train/metrics';
import type { BatchPoint } from '@/lib/train/page/session';
import { smooth } from './format';

/** Most batch points drawn: beyond this, every k-th is kept (the smoothed trend looks the same). */
const MAX_BATCH_POINTS = 4000;

/**
 * One x axis (epochs, fractional for batches) shared by the smoothed per-batch
 * line and the per-epoch train and validation values: uPlot needs aligned
 * columns, so each series has null where it has no value.
 */
export function alignedCurves(batches: readonly BatchPoint[], epochs: readonly EpochMetrics[], metric: 'loss' | 'accuracy') {
  const smoothed = smooth(batches.map((b) => b[metric]));
  const step = Math.max(1, Math.ceil(batches.length / MAX_BATCH_POINTS));
  const rows = new Map<number, [number | null, number | null, number | null]>();
  batches.forEach((b, i) => {
    if (i % step === 0 || i === batches.length - 1) rows.set(b.x, [smoothed[i]!, null, null]);
  });
  for (const e of epochs) {
    const x = e.epoch + 1;
    const row = rows.get(x) ?? [null, null, null];
    row[1] = metric === 'loss' ? e.loss : e.accuracy;
    row[2] = metric === 'loss' ? e.valLoss : e.valAccuracy;
    rows.set(x, row);
  }
  const xs = [...rows.keys()].sort((a, b) => a - b);
  return [xs, xs.map((x) => rows.get(x)![0]), xs.map((x) => rows.get(x)![1]), xs.map((x) => rows.get(x)![2])];
}

/** Several runs' per-epoch curves on one x axis (epoch number). */
export function overlaidRuns(runs: ReadonlyArray<{ epochs: readonly EpochMetrics[] }>, pick: (e: EpochMetrics) => number | null) {
  const xs = [...new Set(runs.flatMap((r) => r.epochs.map((e) => e.epoch + 1)))].sort((a, b) => a - b);
  return [xs, ...runs.map((r) => xs.map((x) => {
    const e = r.epochs.find((m) => m.epoch + 1 === x);
    return e ? pick(e) : null;
  }))];
}

/**
 * The epoch with the best accuracy, for the charts' text alternative: validation
 * accuracy when the run has a validation split, else training accuracy. Ties go
 * to the earliest epoch.
 */
export function bestEpoch(epochs: readonly EpochMetrics[]): { epoch: number; accuracy: number; split: 'validation' | 'training' } | null {
  const validated = epochs.filter((e) => e.valAccuracy !== null && Number.isFinite(e.valAccuracy));
  const split = validated.length ? 'validation' : 'training';
  let best: { epoch: number; accuracy: number; split: 'validation' | 'training' } | null = null;
  for (const e of validated.length ? validated : epochs) {
    const accuracy = split === 'validation' ? e.valAccuracy! : e.accuracy;
    if (!Number.isFinite(accuracy)) continue;
    if (!best || accuracy > best.accuracy) best = { epoch: e.epoch, accuracy, split };
  }
  return best;
}
