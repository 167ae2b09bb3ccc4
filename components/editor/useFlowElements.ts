'use client';

import type { Edge as FlowEdge } from '@xyflow/react';
import { useMemo } from 'react';
import { formatShapeCompact, type GraphAnalysis, type NodeAnalysis } from '@/lib/graph';
import type { ArchitectureDocument, LayerNode } from '@/lib/schema';
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
  /** The node's accessible name (see useNodeLabel). */
  nodeLabel: (layer: LayerNode, analysis: NodeAnalysis, inputCount: number) => string,
  edgeLabel: (source: string, target: string, shape: readonly number[] | undefined) => string,
): { nodes: LayerFlowNode[]; edges: FlowEdge[] } {
  const nodes = useMemo(() => {
    const inputCounts = new Map<string, number>();
    for (const e of doc.edges) inputCounts.set(e.target, (inputCounts.get(e.target) ?? 0) + 1);
    const selected = new Set(selectedNodeIds);
    return doc.nodes.map((layer): LayerFlowNode => {
      const a = analysis.nodes[layer.id]!;
      const inputCount = inputCounts.get(layer.id) ?? 0;
      const data: LayerNodeData = { layer, analysis: a, inputCount, readOnly };
      return {
        id: layer.id,
        type: 'layer',
        position: layer.position,
        data,
        selected: selected.has(layer.id),
        ariaLabel: nodeLabel(layer, a, inputCount),
        ...(measured[layer.id] ? { measured: measured[layer.id] } : {}),
      };
    });
  }, [doc.nodes, doc.edges, analysis, selectedNodeIds, measured, readOnly, nodeLabel]);

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
        ariaLabel: edgeLabel(e.source, e.target, analysis.edges[e.id] ?? undefined),
        label: analysis.edges[e.id] ? formatShapeCompact(analysis.edges[e.id]!) : undefined,
        labelBgPadding: [4, 2],
        labelBgBorderRadius: 4,
        className: 'shape-edge',
      }),
    );
  }, [doc.edges, analysis, selectedEdgeIds, edgeLabel]);

  return { nodes, edges };
}
