/** One finished epoch, as stored with a run: lib/schema/run.ts's EpochMetrics. */
export type { EpochMetrics } from '../schema/run';

/** Per-batch values, read from the device a few batches at a time. */
export interface BatchMetrics {
  epoch: number;
  /** Index of the first batch in this group. */
  firstBatch: number;
  batches: number;
  losses: number[];
  accuracies: number[];
}

export interface BatchProgress {
  epoch: number;
  /** Batches done in this epoch. */
  batch: number;
  batches: number;
  samplesPerSec: number;
}
