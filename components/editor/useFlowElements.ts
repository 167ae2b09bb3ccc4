'use client';

import type { Edge as FlowEdge } from '@xyflow/react';
import { useMemo, useRef } from 'react';
import { formatShapeCompact, type GraphAnalysis, type NodeAnalysis } from '@/lib/graph';
import type { ArchitectureDocument, LayerNode } from '@/lib/schema';
import type { LayerFlowNode, LayerNodeData } from './nodes/LayerNodeView';

function analysisKey(a: NodeAnalysis | undefined): string {
  if (!a) return '';
  return JSON.stringify([a.outputShape, a.paramCount, a.inputShapes, a.issues.map((i) => [i.code, i.message, i.fix])]);
}

interface Cached {
  layer: LayerNode;
  key: string;
  inputCount: number;
  readOnly: boolean;
  data: LayerNodeData;
}

/**
 * React Flow nodes and edges derived from the document and its analysis.
 * A node's data object is reused while its layer and analysis are unchanged,
 * so memoised node views skip rendering: an edit re-renders only the nodes
 * it affects.
 */
export function useFlowElements(
  doc: ArchitectureDocument,
  analysis: GraphAnalysis,
  selectedNodeIds: string[],
  selectedEdgeIds: string[],
  measured: Record<string, { width: number; height: number }>,
  readOnly: boolean,
): { nodes: LayerFlowNode[]; edges: FlowEdge[] } {
  const cache = useRef(new Map<string, Cached>());
  const nodes = useMemo(() => {
    const inputCounts = new Map<string, number>();
    for (const e of doc.edges) inputCounts.set(e.target, (inputCounts.get(e.target) ?? 0) + 1);
    const selected = new Set(selectedNodeIds);
    const next = new Map<string, Cached>();
    const out = doc.nodes.map((layer): LayerFlowNode => {
      const a = analysis.nodes[layer.id]!;
      const key = analysisKey(a);
      const inputCount = inputCounts.get(layer.id) ?? 0;
      const prev = cache.current.get(layer.id);
      const reuse =
        prev && prev.layer.params === layer.params && prev.layer.type === layer.type && prev.key === key && prev.inputCount === inputCount && prev.readOnly === readOnly;
      const data: LayerNodeData = reuse ? prev.data : { layer, analysis: a, inputCount, readOnly };
      next.set(layer.id, { layer, key, inputCount, readOnly, data });
      return {
        id: layer.id,
        type: 'layer',
        position: layer.position,
        data,
        selected: selected.has(layer.id),
        ariaLabel: `${layer.type} ${layer.id}, ${a.outputShape ? formatShapeCompact(a.outputShape) : '?'}`,
        ...(measured[layer.id] ? { measured: measured[layer.id] } : {}),
      };
    });
    cache.current = next;
    return out;
  }, [doc.nodes, doc.edges, analysis, selectedNodeIds, measured, readOnly]);

  const edges = useMemo(() => {
    const selected = new Set(selectedEdgeIds);
    return doc.edges.map(
      (e): FlowEdge => ({
        id: e.id,
        source: e.source,
        target: e.target,
        sourceHandle: 'out',
        targetHandle: e.targetHandle,
        selected: selected.has(e.id),
        label: analysis.edges[e.id] ? formatShapeCompact(analysis.edges[e.id]!) : undefined,
        labelBgPadding: [4, 2],
        labelBgBorderRadius: 4,
        className: 'shape-edge',
      }),
    );
  }, [doc.edges, analysis, selectedEdgeIds]);

  return { nodes, edges };
}
