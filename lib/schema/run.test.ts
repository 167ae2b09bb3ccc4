import { describe, expect, it } from 'vitest';
import { defaultHyperparameters, Hyperparameters, parseStoredRunData, RecordedHyperparameters } from './run';

describe('stored run data', () => {
  it('reads hyperparameters stored before the limits, and still refuses what was never valid', () => {
    const old = { ...defaultHyperparameters, batchSize: 10_000, learningRate: 50, seed: -1, validationSplit: 0.9 };
    expect(Hyperparameters.safeParse(old).success).toBe(false);
    expect(RecordedHyperparameters.parse(old)).toEqual(old);
    expect(parseStoredRunData('hyperparameters', old)).toEqual({ ok: true, value: old });
    expect(parseStoredRunData('hyperparameters', { ...old, batchSize: 0 })).toEqual({ ok: false, message: 'batchSize: expected a whole number in [1, ∞], got 0' });
    expect(parseStoredRunData('hyperparameters', { ...old, validationSplit: 1 }).ok).toBe(false);
  });
});
