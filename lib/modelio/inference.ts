// Pure: the inference model of a document, as the TF.js export writes it.
// Training-only layers (Dropout, augmentation: identity at inference) are
// left out, their input wired straight to where their output went, so the
// export needs no CNN Studio code to load and predicts exactly as the app does.
import { isTrainingOnly } from '../layers/registry';
import type { ArchitectureDocument, Edge } from '../schema';

export function inferenceDocument(doc: ArchitectureDocument): ArchitectureDocument {
  const skipped = new Set(doc.nodes.filter((n) => isTrainingOnly(n.type)).map((n) => n.id));
  if (skipped.size === 0) return doc;
  const sourceOf = new Map<string, string>();
  for (const e of doc.edges) if (skipped.has(e.target)) sourceOf.set(e.target, e.source);
  // A chain of training-only layers collapses to the first real layer before it.
  const realSource = (id: string): string => {
    let current = id;
    for (let guard = 0; skipped.has(current) && guard <= skipped.size; guard++) current = sourceOf.get(current) ?? current;
    return current;
  };
  const edges: Edge[] = doc.edges.filter((e) => !skipped.has(e.target)).map((e) => (skipped.has(e.source) ? { ...e, source: realSource(e.source) } : e));
  return { ...doc, nodes: doc.nodes.filter((n) => !skipped.has(n.id)), edges };
}
