'use client';

import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type IsValidConnection,
  type NodeChange,
  type OnDelete,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useTranslations } from 'next-intl';
import { useCallback, useMemo, useRef, useState } from 'react';
import { addNode, checkConnection, connect, isLayerType, moveNodes, newNode, removeEdges, removeNodes } from '@/lib/graph';
import type { Position } from '@/lib/schema';
import { useAnalysis, useEditor, useEditorStore, useReadOnly } from './EditorContext';
import { useEdgeLabel, useNodeLabel } from './nodeLabel';
import { LayerNodeView } from './nodes/LayerNodeView';
import { useFlowElements } from './useFlowElements';

export const LAYER_DRAG_TYPE = 'application/x-cnn-studio-layer';

/** Every layer in view, never zoomed past 100 %. */
export const FIT_VIEW = { padding: 0.1, maxZoom: 1 } as const;

const nodeTypes = { layer: LayerNodeView };

export function Canvas() {
  const t = useTranslations('editor.connect');
  const store = useEditorStore();
  const readOnly = useReadOnly();
  const doc = useEditor((s) => s.doc);
  const selectedNodeIds = useEditor((s) => s.selectedNodeIds);
  const selectedEdgeIds = useEditor((s) => s.selectedEdgeIds);
  const analysis = useAnalysis();
  const [measured, setMeasured] = useState<Record<string, { width: number; height: number }>>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const refusalTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const { screenToFlowPosition, fitView } = useReactFlow();
  const wrapper = useRef<HTMLDivElement>(null);
  const framed = useRef(false);
  const nodeLabel = useNodeLabel();
  const edgeLabel = useEdgeLabel();
  const { nodes, edges } = useFlowElements(doc, analysis, selectedNodeIds, selectedEdgeIds, measured, readOnly, nodeLabel, edgeLabel);

  const showRefusal = useCallback(
    (code: string) => {
      setRefusal(t('refused', { reason: t.has(code) ? t(code) : code }));
      if (refusalTimer.current) clearTimeout(refusalTimer.current);
      refusalTimer.current = setTimeout(() => setRefusal(null), 5000);
    },
    [t],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange[]) => {
      const state = store.getState();
      const positions: Record<string, Position> = {};
      let dragEnded = false;
      let selection: Set<string> | null = null;
      const dims: Record<string, { width: number; height: number }> = {};
      for (const c of changes) {
        if (c.type === 'position') {
          if (c.position) positions[c.id] = { x: Math.round(c.position.x), y: Math.round(c.position.y) };
          if (c.dragging === false) dragEnded = true;
        } else if (c.type === 'select') {
          selection ??= new Set(state.selectedNodeIds);
          if (c.selected) selection.add(c.id);
          else selection.delete(c.id);
        } else if (c.type === 'dimensions' && c.dimensions) {
          dims[c.id] = c.dimensions;
        }
      }
      if (Object.keys(dims).length) {
        setMeasured((m) => ({ ...m, ...dims }));
        if (!framed.current) {
          framed.current = true;
          // The whole graph in view when it opens (a template, a saved or shared architecture).
          void fitView(FIT_VIEW);
        }
      }
      if (Object.keys(positions).length && !readOnly) state.applyLive(moveNodes(state.doc, positions));
      if (dragEnded) state.commitLive();
      if (selection) state.select([...selection], state.selectedEdgeIds);
    },
    [store, readOnly, fitView],
  );

  const onEdgesChange = useCallback(
    (changes: Array<{ type: string; id?: string; selected?: boolean }>) => {
      const state = store.getState();
      let selection: Set<string> | null = null;
      for (const c of changes) {
        if (c.type === 'select' && c.id) {
          selection ??= new Set(state.selectedEdgeIds);
          if (c.selected) selection.add(c.id);
          else selection.delete(c.id);
        }
      }
      if (selection) state.select(state.selectedNodeIds, [...selection]);
    },
    [store],
  );

  const isValidConnection: IsValidConnection = useCallback(
    (c) => {
      const problem = checkConnection(store.getState().doc, { source: c.source, target: c.target, targetHandle: c.targetHandle });
      return problem === null;
    },
    [store],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      const state = store.getState();
      const result = connect(state.doc, { source: c.source, target: c.target, targetHandle: c.targetHandle });
      if (result.ok) state.apply(result.doc);
      else showRefusal(result.code);
    },
    [store, showRefusal],
  );

  const onConnectEnd = useCallback(
    (_event: MouseEvent | TouchEvent, connectionState: { isValid: boolean | null; fromNode: { id: string } | null; toNode: { id: string } | null; toHandle: { id?: string | null } | null }) => {
      if (connectionState.isValid === false && connectionState.fromNode && connectionState.toNode) {
        const problem = checkConnection(store.getState().doc, {
          source: connectionState.fromNode.id,
          target: connectionState.toNode.id,
          targetHandle: connectionState.toHandle?.id ?? null,
        });
        if (problem) showRefusal(problem.code);
      }
    },
    [store, showRefusal],
  );

  const onDelete: OnDelete = useCallback(
    ({ nodes: deletedNodes, edges: deletedEdges }) => {
      const state = store.getState();
      const next = removeNodes(
        removeEdges(state.doc, deletedEdges.map((e) => e.id)),
        deletedNodes.map((n) => n.id),
      );
      state.apply(next);
      state.select([], []);
    },
    [store],
  );

  const onDrop = useCallback(
    (event: React.DragEvent) => {
      event.preventDefault();
      if (readOnly) return;
      const type = event.dataTransfer.getData(LAYER_DRAG_TYPE);
      if (!isLayerType(type)) return;
      const p = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const state = store.getState();
      const node = newNode(state.doc, type, { x: Math.round(p.x - 100), y: Math.round(p.y - 20) });
      state.apply(addNode(state.doc, node));
      state.select([node.id]);
    },
    [readOnly, screenToFlowPosition, store],
  );

  const ta = useTranslations('editor.a11y');
  const ariaLabelConfig = useMemo(
    () => ({
      'node.a11yDescription.default': ta('node'),
      'node.a11yDescription.keyboardDisabled': ta('nodeKeyboardDisabled'),
      'node.a11yDescription.ariaLiveMessage': ({ direction, x, y }: { direction: string; x: number; y: number }) =>
        ta('moved', { direction, x, y }),
      'edge.a11yDescription.default': ta('edge'),
      'controls.ariaLabel': ta('controls'),
      'controls.zoomIn.ariaLabel': ta('zoomIn'),
      'controls.zoomOut.ariaLabel': ta('zoomOut'),
      'controls.fitView.ariaLabel': ta('fitView'),
      'controls.interactive.ariaLabel': ta('interactive'),
      'minimap.ariaLabel': ta('minimap'),
      'handle.ariaLabel': ta('handle'),
    }),
    [ta],
  );

  return (
    <div className="canvas" ref={wrapper} onDragOver={(e) => {
      if (e.dataTransfer.types.includes(LAYER_DRAG_TYPE)) {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      }
    }} onDrop={onDrop}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onDelete={onDelete}
        deleteKeyCode={readOnly ? null : ['Delete', 'Backspace']}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        edgesFocusable
        nodesFocusable
        minZoom={0.1}
        ariaLabelConfig={ariaLabelConfig}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={16} />
        <MiniMap pannable zoomable nodeStrokeWidth={3} />
        <Controls showInteractive={false} showFitView={false} />
      </ReactFlow>
      {refusal ? (
        <div className="connect-refusal" role="status">
          {refusal}
        </div>
      ) : null}
    </div>
  );
}
