// A classifier may end with Dense(classes) and then a Softmax layer (or
// Activation('softmax')): its output is class probabilities all the same, so
// neither the editor's warning nor the training check asks for Dense(softmax).
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../graph';
import type { ArchitectureDocument, LayerNode } from '../schema';
import { checkReadiness } from './checks';
import { tinyCnn } from './testing';

const fashion = { shape: [28, 28, 1] as const, classNames: Array.from({ length: 10 }, (_, i) => `c${i}`) };

/** tinyCnn with a linear Dense output followed by `last`. */
function endingWith(last: Pick<LayerNode, 'type' | 'params'>): ArchitectureDocument {
  const doc = tinyCnn(10, [28, 28, 1]);
  const out = doc.nodes.find((n) => n.id === 'out')!;
  if (out.type === 'Dense') out.params.activation = 'linear';
  doc.nodes.push({ id: 'probs', ...last, position: { x: 0, y: 400 } } as LayerNode);
  doc.edges.push({ id: 'eprobs', source: 'out', target: 'probs', targetHandle: 'in0' });
  return doc;
}

describe('a Softmax layer as the output', () => {
  for (const last of [
    { type: 'Softmax', params: { axis: -1 } },
    { type: 'Activation', params: { activation: 'softmax' } },
  ] as const) {
    it(`${last.type}: no outputNotSoftmax warning in the editor, and training may start`, () => {
      const doc = endingWith(last);
      expect(analyzeGraph(doc).nodes.probs!.issues).toEqual([]);
      expect(checkReadiness(doc, fashion)).toEqual([]);
    });
  }

  it('a ReLU at the end still gets the warning and the training check', () => {
    const doc = endingWith({ type: 'ReLU', params: {} });
    expect(analyzeGraph(doc).nodes.probs!.issues.map((i) => i.code)).toEqual(['outputNotSoftmax']);
    expect(checkReadiness(doc, fashion).map((i) => i.code)).toEqual(['outputNotSoftmax']);
  });
});
