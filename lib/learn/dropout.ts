// Dropout as Keras and tfjs do it ("inverted dropout"): during training each
// unit is zeroed with probability `rate`, independently every step, and the
// survivors are multiplied by 1/(1 − rate) so the layer's expected output is
// unchanged; at inference nothing is dropped and nothing is scaled.

export const lessonRates = [0, 0.2, 0.4] as const;

/** Seeded, so a step is reproducible in tests. */
export { seededRandom } from '../random';

/** true = dropped this step. */
export function dropMask(units: number, rate: number, random: () => number): boolean[] {
  return Array.from({ length: units }, () => random() < rate);
}

export function keepScale(rate: number): number {
  return rate >= 1 ? 0 : 1 / (1 - rate);
}

/** What the next layer receives from each unit this step. */
export function applyDropout(activations: readonly number[], dropped: readonly boolean[] | null, rate: number): number[] {
  if (dropped === null) return [...activations]; // inference
  const scale = keepScale(rate);
  return activations.map((a, i) => (dropped[i] ? 0 : a * scale));
}
