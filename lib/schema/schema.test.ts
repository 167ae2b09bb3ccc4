import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../graph';
import { templateDocument, templateIds } from '../templates';
import { parseArchitectureDocument, parseArchitectureJson, serializeDocument, describeIssue } from './index';

const messages = (input: unknown) => {
  const r = parseArchitectureDocument(input);
  return r.ok ? [] : r.issues.map(describeIssue);
};

function course(): Record<string, unknown> {
  return JSON.parse(JSON.stringify(templateDocument('course-cnn'))) as Record<string, unknown>;
}

describe('architecture document schema', () => {
  it.each(templateIds)('template %s round-trips: parse(serialize(doc)) equals doc', (id) => {
    const doc = templateDocument(id);
    const again = parseArchitectureJson(serializeDocument(doc));
    expect(again).toEqual({ ok: true, document: doc });
  });

  it('names the path and the bad value', () => {
    const doc = course();
    (doc.nodes as Array<{ params: Record<string, unknown> }>)[4]!.params.filters = -2;
    expect(messages(doc)).toEqual(['nodes[4].params.filters: expected a positive integer, got -2']);
  });

  it('reports every problem, not only the first', () => {
    const doc = course();
    const nodes = doc.nodes as Array<{ params: Record<string, unknown>; type: string }>;
    nodes[1]!.params.padding = 'full';
    nodes[5]!.params.rate = 1;
    nodes[6]!.type = 'Conv3D';
    expect(messages(doc)).toEqual([
      `nodes[1].params.padding: expected one of 'valid', 'same', got "full"`,
      'nodes[5].params.rate: expected a number in [0, 1), got 1',
      expect.stringMatching(/^nodes\[6\]\.type: expected one of the \d+ layer types CNN Studio knows \(the palette lists them\), got "Conv3D": did you mean Conv2D\?$/),
    ]);
  });

  it('rejects unknown params instead of dropping them', () => {
    const doc = course();
    (doc.nodes as Array<{ params: Record<string, unknown> }>)[1]!.params.kernel_size = 3;
    expect(messages(doc)).toEqual(['nodes[1].params.kernel_size: is not a field CNN Studio reads: remove it']);
  });

  it('rejects edges to missing nodes and duplicate ids', () => {
    const doc = course();
    const edges = doc.edges as Array<Record<string, unknown>>;
    edges[0]!.target = 'ghost';
    edges[1]!.id = edges[2]!.id;
    expect(messages(doc)).toEqual(['edges[0].target: no node with id "ghost"', 'edges[2].id: duplicate edge id "e3" (also edges[1])']);
  });

  it('takes Keras defaults for omitted params', () => {
    const r = parseArchitectureDocument({
      version: 1,
      name: 'd',
      nodes: [
        { id: 'a', type: 'Input', params: { shape: [8, 8, 1] }, position: { x: 0, y: 0 } },
        { id: 'b', type: 'Conv2D', params: { filters: 2, kernelSize: [3, 2] }, position: { x: 0, y: 0 } },
        { id: 'c', type: 'MaxPooling2D', position: { x: 0, y: 0 } },
      ],
      edges: [],
    });
    expect(r.ok && r.document.nodes[1]!.params).toEqual({
      filters: 2,
      kernelSize: [3, 2],
      strides: 1,
      padding: 'valid',
      activation: 'linear',
      useBias: true,
    });
    expect(r.ok && r.document.nodes[2]!.params).toEqual({ poolSize: 2, padding: 'valid' });
  });

  it('gives a clear error for an unknown version and for junk', () => {
    expect(messages({ ...course(), version: 7 })).toEqual([
      'version: this document has version 7, but CNN Studio reads versions 0 to 1 (it was made by a newer CNN Studio)',
    ]);
    expect(messages({ ...course(), version: 'one' })).toEqual(['version: expected a document version number, got "one"']);
    expect(messages([1, 2])).toEqual(['(document): expected an architecture document (a JSON object)']);
    expect(parseArchitectureJson('{"version": 1,').ok).toBe(false);
  });

  it('migrates version 0 (no positions, no handles) before validation', () => {
    const v0 = {
      version: 0,
      name: 'old',
      nodes: [
        { id: 'in', type: 'Input', params: { shape: [4, 4, 1] } },
        { id: 'a', type: 'Conv2D', params: { filters: 2, kernelSize: 1 } },
        { id: 'b', type: 'Conv2D', params: { filters: 2, kernelSize: 1 } },
        { id: 'sum', type: 'Add', params: {} },
      ],
      edges: [
        { id: 'e1', source: 'in', target: 'a' },
        { id: 'e2', source: 'in', target: 'b' },
        { id: 'e3', source: 'a', target: 'sum' },
        { id: 'e4', source: 'b', target: 'sum' },
      ],
    };
    const r = parseArchitectureDocument(v0);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.document.version).toBe(1);
    expect(r.document.edges.map((e) => e.targetHandle)).toEqual(['in0', 'in0', 'in0', 'in1']);
    expect(r.document.nodes.every((n) => Number.isFinite(n.position.y))).toBe(true);
    expect(analyzeGraph(r.document).nodes.sum!.outputShape).toEqual([4, 4, 2]);
  });

  it('never throws on random input, and a random parsed document never crashes the analyzer', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const r = parseArchitectureDocument(value);
        if (r.ok) analyzeGraph(r.document);
      }),
      { numRuns: 300 },
    );
    const nodeArb = fc.record({
      id: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      type: fc.constantFrom('Input', 'Conv2D', 'Dense', 'Flatten', 'Add', 'Concatenate', 'MaxPooling2D', 'Dropout'),
      params: fc.record({ filters: fc.integer({ min: 1, max: 4 }), kernelSize: fc.integer({ min: 1, max: 5 }), units: fc.integer({ min: 1, max: 5 }), rate: fc.double({ min: 0, max: 0.9, noNaN: true }), shape: fc.constant([6, 6, 1]) }, { requiredKeys: [] }),
      position: fc.constant({ x: 0, y: 0 }),
    });
    const edgeArb = fc.record({
      id: fc.string({ minLength: 1, maxLength: 3 }).map((s) => `e${s.replace(/[^A-Za-z0-9]/g, 'x')}`),
      source: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      target: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      targetHandle: fc.constantFrom('in0', 'in1'),
    });
    fc.assert(
      fc.property(fc.array(nodeArb, { maxLength: 6 }), fc.array(edgeArb, { maxLength: 8 }), (nodes, edges) => {
        const r = parseArchitectureDocument({ version: 1, name: 'r', nodes, edges });
        if (r.ok) {
          const a = analyzeGraph(r.document);
          if (a.totals) expect(a.errorCount).toBe(0);
        }
      }),
      { numRuns: 500 },
    );
  });
});
