'use client';

import type { Edge as FlowEdge } from '@xyflow/react';
import { useMemo } from 'react';
import { formatShapeCompact, type GraphAnalysis } from '@/lib/graph';
import type { ArchitectureDocument } from '@/lib/schema';
import type { LayerFlowNode, LayerNodeData } from './nodes/LayerNodeView';

/**
 * React Flow nodes and edges derived from the document and its analysis.
 * Node views compare what they show (see LayerNodeView's memo), so an edit
 * re-renders only the nodes it affects.
 */
export function useFlowElements(
  doc: ArchitectureDocument,
  analysis: GraphAnalysis,
  selectedNodeIds: string[],
  selectedEdgeIds: string[],
  measured: Record<string, { width: number; height: number }>,
  readOnly: boolean,
): { nodes: LayerFlowNode[]; edges: FlowEdge[] } {
  const nodes = useMemo(() => {
    const inputCounts = new Map<string, number>();
    for (const e of doc.edges) inputCounts.set(e.target, (inputCounts.get(e.target) ?? 0) + 1);
    const selected = new Set(selectedNodeIds);
    return doc.nodes.map((layer): LayerFlowNode => {
      const a = analysis.nodes[layer.id]!;
      const data: LayerNodeData = { layer, analysis: a, inputCount: inputCounts.get(layer.id) ?? 0, readOnly };
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
