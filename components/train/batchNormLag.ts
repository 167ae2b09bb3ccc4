// Why validation can lag far behind training early on in a network with
// BatchNormalization: training normalizes each batch with its own statistics,
// validation and testing with the moving averages, which start at mean 0 and
// variance 1 and move by (1 − momentum) a step. After n steps the starting
// values still weigh momentum^n (0.99^100 ≈ 37 %). Keras does the same, so
// the fix is more steps or a lower momentum, not a bug hunt.
import type { ArchitectureDocument } from '@/lib/schema';
import type { EpochMetrics } from '@/lib/train/metrics';

/** Validation this far below training accuracy counts as "far behind". */
export const LAG_GAP = 0.25;
/** The moving averages have not settled while their starting values still weigh this much. */
export const UNSETTLED_WEIGHT = 0.01;

export interface BatchNormLag {
  trainAccuracy: number;
  valAccuracy: number;
  steps: number;
  /** The highest momentum among the BatchNormalization layers (the slowest to settle). */
  momentum: number;
  /** How much the starting mean 0 / variance 1 still weigh in the moving averages: momentum^steps. */
  startingWeight: number;
}

/** The note's figures when validation lags far behind training in a net with BatchNormalization after few steps; else null. */
export function batchNormLag(
  doc: ArchitectureDocument,
  epochs: readonly EpochMetrics[],
  trainImages: number,
  batchSize: number,
): BatchNormLag | null {
  const momenta = doc.nodes.flatMap((n) => (n.type === 'BatchNormalization' ? [n.params.momentum] : []));
  const last = epochs.at(-1);
  if (momenta.length === 0 || !last || last.valAccuracy === null || trainImages <= 0 || batchSize <= 0) return null;
  if (last.accuracy - last.valAccuracy < LAG_GAP) return null;
  const steps = epochs.length * Math.ceil(trainImages / batchSize);
  const momentum = Math.max(...momenta);
  const startingWeight = momentum ** steps;
  if (startingWeight < UNSETTLED_WEIGHT) return null;
  return { trainAccuracy: last.accuracy, valAccuracy: last.valAccuracy, steps, momentum, startingWeight };
}
