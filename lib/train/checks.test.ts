import { describe, expect, it } from 'vitest';
import { templateDocument } from '../templates';
import { checkReadiness } from './checks';
import { tinyCnn } from './testing';

const fashion = { shape: [28, 28, 1] as const, classNames: Array.from({ length: 10 }, (_, i) => `c${i}`) };

describe('checkReadiness', () => {
  it('finds nothing wrong with LeNet-5 on a 28×28×1, 10-class dataset', () => {
    expect(checkReadiness(templateDocument('lenet5'), fashion)).toEqual([]);
  });

  it('offers to set the output units when they differ from the classes', () => {
    const issues = checkReadiness(tinyCnn(4, [28, 28, 1]), fashion);
    expect(issues).toEqual([
      expect.objectContaining({ code: 'outputUnitsMismatch', values: { units: 4, classes: 10 }, fix: { kind: 'setOutputUnits', units: 10 } }),
    ]);
  });

  it('says which shape the Input expects and which the dataset has', () => {
    const issues = checkReadiness(tinyCnn(10, [32, 32, 3]), fashion);
    expect(issues).toEqual([expect.objectContaining({ code: 'inputShapeMismatch', values: { input: '[32, 32, 3]', dataset: '[28, 28, 1]' } })]);
  });

  it('requires softmax on the last layer', () => {
    const doc = tinyCnn(10, [28, 28, 1]);
    const out = doc.nodes.find((n) => n.id === 'out');
    if (out?.type !== 'Dense') throw new Error('fixture changed');
    out.params.activation = 'relu';
    expect(checkReadiness(doc, fashion)).toEqual([expect.objectContaining({ code: 'outputNotSoftmax', values: { layer: 'Dense', activation: 'relu' } })]);
  });

  it('sends the user back to the design when the graph has errors, without guessing further', () => {
    const doc = tinyCnn(10, [28, 28, 1]);
    doc.edges = doc.edges.filter((e) => e.target !== 'flat');
    const issues = checkReadiness(doc, fashion);
    expect(issues.map((i) => i.code)).toEqual(['graphErrors']);
  });
});
