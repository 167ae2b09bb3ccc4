'use client';

import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { useTranslations } from 'next-intl';
import { memo, useEffect, useRef } from 'react';
import { applyFix, formatShapeCompact, layerDef, type GraphIssue, type NodeAnalysis } from '@/lib/graph';
import type { LayerNode } from '@/lib/schema';
import { useEditorStore } from '../EditorContext';
import { useIssueText } from '../useIssueText';

export interface LayerNodeData extends Record<string, unknown> {
  layer: LayerNode;
  analysis: NodeAnalysis;
  inputCount: number;
  readOnly: boolean;
}
export type LayerFlowNode = Node<LayerNodeData, 'layer'>;

function FixButton({ issue, readOnly }: { issue: GraphIssue; readOnly: boolean }) {
  const t = useTranslations('editor.node');
  const store = useEditorStore();
  if (!issue.fix || readOnly) return null;
  const fix = issue.fix;
  const label =
    fix.kind === 'insertBefore' ? t('insertFlatten') : t('setParam', { param: fix.param, value: String(fix.value) });
  return (
    <button
      type="button"
      className="node-fix nodrag"
      onClick={(e) => {
        e.stopPropagation();
        const next = applyFix(store.getState().doc, fix);
        if (next) store.getState().apply(next);
      }}
    >
      {label}
    </button>
  );
}

/** An error or warning is told by an icon and a word as well as by its colour. */
function IssueMark({ kind }: { kind: 'error' | 'warning' }) {
  const t = useTranslations('editor.node');
  return (
    <strong className="layer-issue-mark">
      <span aria-hidden="true">{kind === 'error' ? '⛔' : '⚠'}</span> {t(kind)}:
    </strong>
  );
}

function LayerNodeViewImpl({ data, selected }: NodeProps<LayerFlowNode>) {
  const t = useTranslations('editor.node');
  const issueText = useIssueText();
  // A render counter for profiling (data-renders): counts commits of this node view.
  const element = useRef<HTMLDivElement>(null);
  const renders = useRef(0);
  useEffect(() => {
    renders.current += 1;
    element.current?.setAttribute('data-renders', String(renders.current));
  });
  const { layer, analysis, inputCount, readOnly } = data;
  const def = layerDef(layer.type);
  const errors = analysis.issues.filter((i) => i.severity === 'error');
  const warnings = analysis.issues.filter((i) => i.severity === 'warning');
  const handles = def.inputs.max === 0 ? 0 : def.inputs.max === 1 ? 1 : Math.max(2, inputCount + 1);
  const summary = def.summary(layer.params);
  const shape = analysis.outputShape ? formatShapeCompact(analysis.outputShape) : '?';
  const params = analysis.paramCount?.total;
  return (
    <div
      className={`layer-node layer-${def.category}${errors.length ? ' has-error' : ''}${selected ? ' selected' : ''}`}
      data-testid={`node-${layer.id}`}
      ref={element}
    >
      {Array.from({ length: handles }, (_, i) => (
        <Handle
          key={i}
          type="target"
          position={Position.Top}
          id={`in${i}`}
          style={handles > 1 ? { left: `${((i + 1) / (handles + 1)) * 100}%` } : undefined}
          isConnectable={!readOnly}
        />
      ))}
      <div className="layer-node-head">
        <span className="layer-type">{layer.type}</span>
        <span className="layer-id">{layer.id}</span>
      </div>
      {summary ? <div className="layer-summary">{summary}</div> : null}
      <div className="layer-meta">
        <span className="layer-shape" data-testid="output-shape">
          {shape}
        </span>
        <span className="layer-params" data-testid="param-count">
          {params === undefined ? '' : t('params', { count: params })}
        </span>
      </div>
      {errors.map((issue) => (
        <div className="layer-issue error" role="alert" key={issue.code}>
          <IssueMark kind="error" />
          <span>{issueText(issue)}</span>
          <FixButton issue={issue} readOnly={readOnly} />
        </div>
      ))}
      {errors.length === 0 &&
        warnings.map((issue) => (
          <div className="layer-issue warning" key={issue.code}>
            <IssueMark kind="warning" />
            <span>{issueText(issue)}</span>
            <FixButton issue={issue} readOnly={readOnly} />
          </div>
        ))}
      <Handle type="source" position={Position.Bottom} id="out" isConnectable={!readOnly} />
    </div>
  );
}

function analysisKey(a: NodeAnalysis): string {
  return JSON.stringify([a.outputShape, a.paramCount, a.issues.map((i) => [i.code, i.message, i.fix])]);
}

/** Re-renders only when what it shows changed: typing in the inspector touches the affected nodes alone. */
export const LayerNodeView = memo(
  LayerNodeViewImpl,
  (prev, next) =>
    prev.selected === next.selected &&
    prev.data.layer.type === next.data.layer.type &&
    prev.data.layer.id === next.data.layer.id &&
    prev.data.layer.params === next.data.layer.params &&
    prev.data.inputCount === next.data.inputCount &&
    prev.data.readOnly === next.data.readOnly &&
    analysisKey(prev.data.analysis) === analysisKey(next.data.analysis),
);
