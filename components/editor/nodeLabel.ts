'use client';

import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { formatShapeCompact, layerDef, type NodeAnalysis } from '@/lib/graph';
import type { LayerNode } from '@/lib/schema';
import { useIssueText } from './useIssueText';

/**
 * A canvas node's accessible name: its type, id, key settings and output shape, then
 * its errors or warnings in words, e.g. "Conv2D conv1, 75 filters 3×3, stride 1×1,
 * same padding, relu, output 28×28×75".
 */
export function useNodeLabel(): (layer: LayerNode, analysis: NodeAnalysis, inputCount: number) => string {
  const t = useTranslations('editor.node');
  const issueText = useIssueText();
  return useCallback(
    (layer, analysis, inputCount) => {
      const values = layerDef(layer.type).spoken(layer.params, inputCount);
      const label = t('label', {
        layer: layer.type,
        id: layer.id,
        settings: t(`settings.${layer.type}`, values),
        shape: analysis.outputShape ? formatShapeCompact(analysis.outputShape) : t('shapeUnknown'),
      });
      const errors = analysis.issues.filter((i) => i.severity === 'error');
      const warnings = analysis.issues.filter((i) => i.severity === 'warning');
      if (errors.length) return t('labelErrors', { label, count: errors.length, issues: errors.map(issueText).join(' ') });
      if (warnings.length) return t('labelWarnings', { label, count: warnings.length, issues: warnings.map(issueText).join(' ') });
      return label;
    },
    [t, issueText],
  );
}

/** A connection's accessible name, e.g. "Connection from conv1 to pool1, 28×28×75" (React Flow's default is English only). */
export function useEdgeLabel(): (source: string, target: string, shape: readonly number[] | undefined) => string {
  const t = useTranslations('editor.node');
  return useCallback(
    (source, target, shape) => t('edgeLabel', { source, target, shape: shape ? formatShapeCompact(shape) : t('shapeUnknown') }),
    [t],
  );
}
