'use client';

import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { formatShapeCompact, toPair, type LayerType, type NodeAnalysis, type ParamsOf } from '@/lib/graph';
import { factorBadge } from '@/lib/layers/shared/augment';
import type { LayerNode } from '@/lib/schema';
import { useIssueText } from './useIssueText';

type Values = Record<string, string | number>;

const square = (value: number | readonly [number, number]) => toPair(value).join('×');

/**
 * The values each layer type's key settings message (editor.node.settings.<type>) reads.
 * Typed per layer type, so a new type fails to compile until it says what matters about it.
 */
const settingsValues: { [T in LayerType]: (params: ParamsOf<T>, inputCount: number) => Values } = {
  Input: (p) => ({ shape: p.shape.join('×') }),
  Conv2D: (p) => ({ filters: p.filters, kernel: square(p.kernelSize), stride: square(p.strides ?? 1), padding: p.padding ?? 'valid', activation: p.activation ?? 'linear' }),
  MaxPooling2D: (p) => ({ pool: square(p.poolSize ?? 2), stride: square(p.strides ?? p.poolSize ?? 2), padding: p.padding ?? 'valid' }),
  AveragePooling2D: (p) => ({ pool: square(p.poolSize ?? 2), stride: square(p.strides ?? p.poolSize ?? 2), padding: p.padding ?? 'valid' }),
  GlobalAveragePooling2D: () => ({}),
  Dropout: (p) => ({ rate: p.rate }),
  BatchNormalization: (p) => ({ momentum: p.momentum ?? 0.99 }),
  Flatten: () => ({}),
  Dense: (p) => ({ units: p.units, activation: p.activation ?? 'linear' }),
  Activation: (p) => ({ activation: p.activation }),
  Add: (_p, inputs) => ({ inputs }),
  Concatenate: (p, inputs) => ({ inputs, axis: String(p.axis ?? -1) }),
  RandomFlip: (p) => ({ mode: p.mode }),
  RandomTranslation: (p) => ({ height: factorBadge(p.heightFactor), width: factorBadge(p.widthFactor), fillMode: p.fillMode }),
  RandomRotation: (p) => ({ factor: factorBadge(p.factor) }),
  RandomZoom: (p) => ({ height: factorBadge(p.heightFactor), width: factorBadge(p.widthFactor ?? p.heightFactor) }),
  RandomContrast: (p) => ({ factor: factorBadge(p.factor) }),
  Rescaling: (p) => ({ scale: p.scale, offset: p.offset }),
};

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
      const values = (settingsValues[layer.type] as (p: unknown, inputs: number) => Values)(layer.params, inputCount);
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
