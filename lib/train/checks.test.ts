import { describe, expect, it } from 'vitest';
import { templateDocument } from '../templates';
import { checkReadiness } from './checks';
import { defaultHyperparameters, validateHyperparameters } from './page/hyperparameters';
import { tinyCnn } from './testing';

const fashion = { shape: [28, 28, 1] as const, classNames: Array.from({ length: 10 }, (_, i) => `c${i}`) };

describe('checkReadiness', () => {
  it('flags the course template’s 24 outputs against a 10-class dataset and offers to set 10', () => {
    const issues = checkReadiness(templateDocument('course-cnn'), fashion);
    expect(issues).toEqual([expect.objectContaining({ code: 'outputUnitsMismatch', values: { units: 24, classes: 10 }, fix: { kind: 'setOutputUnits', units: 10 } })]);
  });

  it('accepts a model whose last layer matches the classes', () => {
    expect(checkReadiness(tinyCnn(10, [28, 28, 1]), fashion)).toEqual([]);
  });

  it('says clearly when the Input shape differs from the images', () => {
    const [issue] = checkReadiness(tinyCnn(10, [32, 32, 3]), fashion);
    expect(issue).toMatchObject({ code: 'inputShapeMismatch', values: { input: '[32, 32, 3]', dataset: '[28, 28, 1]' } });
  });

  it('checks that the output is a softmax', () => {
    const doc = tinyCnn(10, [28, 28, 1]);
    const out = doc.nodes.find((n) => n.id === 'out')!;
    if (out.type === 'Dense') out.params.activation = 'relu';
    expect(checkReadiness(doc, fashion).map((i) => i.code)).toEqual(['outputNotSoftmax']);
  });

  it('refuses a graph with errors before anything else', () => {
    const doc = tinyCnn(10, [28, 28, 1]);
    doc.edges = doc.edges.filter((e) => e.target !== 'out');
    expect(checkReadiness(doc, fashion).map((i) => i.code)).toEqual(['graphErrors']);
  });
});

describe('validateHyperparameters', () => {
  it('accepts the defaults', () => {
    expect(validateHyperparameters({ ...defaultHyperparameters }, 60_000)).toEqual({ ok: true, value: defaultHyperparameters });
  });

  it('names every bad field with its value', () => {
    const result = validateHyperparameters(
      { optimizer: 'adagrad', learningRate: 0, batchSize: 12.5, epochs: 0, validationSplit: 0.9, shuffle: 'yes', seed: -1 },
      1000,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.fromEntries(result.issues.map((i) => [i.field, i.code]))).toEqual({
      optimizer: 'unknownOptimizer',
      learningRate: 'outOfRange',
      batchSize: 'notInteger',
      epochs: 'outOfRange',
      validationSplit: 'outOfRange',
      shuffle: 'notBoolean',
      seed: 'outOfRange',
    });
    expect(result.issues.find((i) => i.field === 'optimizer')!.message).toContain('"adagrad"');
  });

  it('refuses a subset or batch larger than the data', () => {
    const tooMany = validateHyperparameters({ ...defaultHyperparameters, trainLimit: 70_000 }, 60_000);
    expect(tooMany).toMatchObject({ ok: false, issues: [{ field: 'trainLimit', code: 'tooLargeForData' }] });
    const bigBatch = validateHyperparameters({ ...defaultHyperparameters, trainLimit: 100, batchSize: 128, validationSplit: 0.1 }, 60_000);
    expect(bigBatch).toMatchObject({ ok: false, issues: [{ field: 'batchSize', values: { count: 90 } }] });
  });

  it('keeps a valid subset size', () => {
    const r = validateHyperparameters({ ...defaultHyperparameters, trainLimit: 1024 }, 60_000);
    expect(r.ok && r.value.trainLimit).toBe(1024);
  });
});
