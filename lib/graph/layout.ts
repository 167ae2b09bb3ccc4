import dagre from '@dagrejs/dagre';
import type { ArchitectureDocument, Position } from '../schema/document';

/** Top-to-bottom layered layout of the whole graph (dagre), as positions per node. */
export function autoLayout(doc: ArchitectureDocument, size = { width: 220, height: 84 }): Record<string, Position> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 40, ranksep: 36 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of doc.nodes) g.setNode(n.id, { width: size.width, height: size.height });
  for (const e of doc.edges) g.setEdge(e.source, e.target);
  dagre.layout(g);
  const out: Record<string, Position> = {};
  for (const n of doc.nodes) {
    const p = g.node(n.id);
    if (p) out[n.id] = { x: Math.round(p.x - size.width / 2), y: Math.round(p.y - size.height / 2) };
  }
  return out;
}
