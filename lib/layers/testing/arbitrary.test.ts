import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../graph';
import { ArchitectureDocumentSchema } from '../../schema/document';
import { layerDef, layerTypes } from '../registry';
import { arbitraryGraph, defaultGraphLimits } from './arbitrary';

describe('arbitraryGraph', () => {
  it('draws documents that parse and that analyzeGraph accepts without an error, within the size limits', () => {
    fc.assert(
      fc.property(arbitraryGraph(), (doc) => {
        const parsed = ArchitectureDocumentSchema.safeParse(doc);
        expect(parsed.success, parsed.success ? '' : parsed.error.issues.map((i) => i.message).join('; ')).toBe(true);
        const analysis = analyzeGraph(doc);
        expect(analysis.issues.filter((i) => i.severity === 'error')).toEqual([]);
        expect(analysis.totals!.total).toBeLessThanOrEqual(defaultGraphLimits.maxParams);
        for (const node of doc.nodes) {
          const size = analysis.nodes[node.id]!.outputShape!.reduce((a, b) => a * b, 1);
          expect(size).toBeLessThanOrEqual(defaultGraphLimits.maxElements);
        }
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('reaches every registered layer type and merges branches, from the registry alone', () => {
    const seen = new Set<string>();
    let merged = 0;
    for (const doc of fc.sample(arbitraryGraph(), { numRuns: 400, seed: 1 })) {
      for (const node of doc.nodes) {
        seen.add(node.type);
        if (layerDef(node.type).inputs.max > 1 && doc.edges.filter((e) => e.target === node.id).length > 1) merged++;
      }
    }
    expect(layerTypes.filter((t) => !seen.has(t))).toEqual([]);
    expect(merged).toBeGreaterThan(20);
  });
});
