import { describe, expect, it } from 'vitest';
import { defaultHyperparameters, validateHyperparameters } from './hyperparameters';

const form = (over: Record<string, unknown> = {}) => ({ ...defaultHyperparameters, ...over });

describe('validateHyperparameters', () => {
  it('accepts the defaults unchanged', () => {
    expect(validateHyperparameters(form(), 60_000)).toEqual({ ok: true, value: defaultHyperparameters });
  });

  it('names each bad field with the value the user typed', () => {
    const result = validateHyperparameters(form({ learningRate: 0, batchSize: 2.5, epochs: Number.NaN, validationSplit: 0.9, optimizer: 'adagrad' }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byField = Object.fromEntries(result.issues.map((i) => [i.field, i]));
    expect(byField.learningRate).toMatchObject({ code: 'outOfRange', values: { value: 0 } });
    expect(byField.batchSize).toMatchObject({ code: 'notInteger', message: expect.stringContaining('2.5') });
    expect(byField.epochs).toMatchObject({ code: 'notNumber' });
    expect(byField.validationSplit).toMatchObject({ code: 'outOfRange', values: { value: 0.9 } });
    expect(byField.optimizer).toMatchObject({ code: 'unknownOptimizer', message: expect.stringContaining('"adagrad"') });
  });

  it('keeps a training subset and refuses one larger than the data', () => {
    expect(validateHyperparameters(form({ trainLimit: 1024 }), 60_000)).toMatchObject({ ok: true, value: { trainLimit: 1024 } });
    const tooMany = validateHyperparameters(form({ trainLimit: 70_000 }), 60_000);
    expect(tooMany).toMatchObject({ ok: false, issues: [{ field: 'trainLimit', code: 'tooLargeForData', values: { value: 70_000, count: 60_000 } }] });
  });

  it('treats an empty subset field as "use every image"', () => {
    const result = validateHyperparameters(form({ trainLimit: '' }), 60_000);
    expect(result.ok && result.value.trainLimit).toBe(undefined);
  });

  it('refuses a batch larger than the images left after the validation hold-out', () => {
    // 100 images, 20 held out: 80 to train on.
    expect(validateHyperparameters(form({ trainLimit: 100, validationSplit: 0.2, batchSize: 80 }), 60_000).ok).toBe(true);
    const result = validateHyperparameters(form({ trainLimit: 100, validationSplit: 0.2, batchSize: 81 }), 60_000);
    expect(result).toMatchObject({ ok: false, issues: [{ field: 'batchSize', values: { value: 81, count: 80 } }] });
  });
});
