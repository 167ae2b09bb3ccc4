'use client';

import { useFormatter, useTranslations } from 'next-intl';
import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { formatShape, layerDef, setParams } from '@/lib/graph';
import { exceededLimit } from '@/lib/layers/shared/params';
import { sizeArithmeticRows } from '@/lib/layers/shared/window';
import { useFormatBytes } from '@/components/ui/useFormatBytes';
import { learnLinksFor } from '@/lib/learn/links';
import type { LayerNode } from '@/lib/schema';
import { useAnalysis, useEditor, useEditorStore, useReadOnly } from './EditorContext';
import { formatFieldValue, parseFieldText, type ParamField } from './paramFields';
import { useIssueText } from './useIssueText';
import { useTrainingMemory } from './TrainingSettings';

function fieldError(layer: LayerNode, key: string, value: unknown): { params: LayerNode['params'] } | { error: string } {
  const candidate: Record<string, unknown> = { ...layer.params, [key]: value };
  if (value === undefined) delete candidate[key];
  const parsed = layerDef(layer.type).params.safeParse(candidate);
  if (parsed.success) return { params: parsed.data as LayerNode['params'] };
  const issue = parsed.error.issues.find((i) => i.path[0] === key) ?? parsed.error.issues[0];
  return { error: issue?.message ?? 'invalid value' };
}

function TextField({ layer, field }: { layer: LayerNode; field: ParamField }) {
  const t = useTranslations('layers');
  const ti = useTranslations('editor.inspector');
  const format = useFormatter();
  const store = useEditorStore();
  const readOnly = useReadOnly();
  const value = (layer.params as Record<string, unknown>)[field.key];
  const [text, setText] = useState(formatFieldValue(value));
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLInputElement>(null);
  const id = `param-${layer.id}-${field.key}`;

  // Undo, redo or a fix changed the value: show it, unless the user is typing here.
  useEffect(() => {
    if (document.activeElement !== ref.current) {
      setText(formatFieldValue(value));
      setError(null);
    }
  }, [value]);

  const onChange = (next: string) => {
    setText(next);
    const parsed = parseFieldText(field, next);
    const result = fieldError(layer, field.key, parsed);
    if ('error' in result) {
      const limit = exceededLimit(field.key, parsed);
      setError(limit === null ? result.error : ti('overLimit', { param: t(`params.${field.key}`), limit: format.number(limit) }));
      return;
    }
    setError(null);
    const state = store.getState();
    state.applyLive(setParams(state.doc, layer.id, result.params));
  };
  const commit = () => {
    store.getState().commitLive();
    if (error) {
      // The document kept its last valid value; show it again.
      setText(formatFieldValue(value));
      setError(null);
    }
  };
  const helpKey = [`paramHelp.${layer.type}_${field.key}`, `paramHelp.${field.key}`].find((k) => t.has(k));
  const help = helpKey ? t(helpKey) : null;
  return (
    <div className="field">
      <label htmlFor={id}>{t(`params.${field.key}`)}</label>
      <input
        id={id}
        ref={ref}
        value={text}
        readOnly={readOnly}
        inputMode={field.kind === 'int' || field.kind === 'number' ? 'decimal' : 'text'}
        aria-invalid={error ? 'true' : 'false'}
        aria-describedby={error ? `${id}-error` : help ? `${id}-help` : undefined}
        onChange={(e) => onChange(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
      {error ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      ) : help ? (
        <p id={`${id}-help`} className="field-help muted">
          {help}
        </p>
      ) : null}
    </div>
  );
}

function ChoiceField({ layer, field }: { layer: LayerNode; field: Extract<ParamField, { kind: 'select' | 'boolean' }> }) {
  const t = useTranslations('layers');
  const ti = useTranslations('editor.inspector');
  const store = useEditorStore();
  const readOnly = useReadOnly();
  const value = (layer.params as Record<string, unknown>)[field.key];
  const id = `param-${layer.id}-${field.key}`;
  const set = (next: unknown) => {
    const result = fieldError(layer, field.key, next);
    if ('params' in result) {
      const state = store.getState();
      state.apply(setParams(state.doc, layer.id, result.params));
    }
  };
  return (
    <div className="field">
      <label htmlFor={id}>{t(`params.${field.key}`)}</label>
      {field.kind === 'boolean' ? (
        <select id={id} value={String(value)} disabled={readOnly} onChange={(e) => set(e.target.value === 'true')}>
          <option value="true">{ti('true')}</option>
          <option value="false">{ti('false')}</option>
        </select>
      ) : (
        <select id={id} value={String(value)} disabled={readOnly} onChange={(e) => set(e.target.value)}>
          {field.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}

/** The output-size arithmetic with the real numbers, for layers with a sliding window: `valid: ceil((28 − 3 + 1) / 2) = 13`. */
function Arithmetic({ layer, input }: { layer: LayerNode; input: readonly number[] | undefined }) {
  const t = useTranslations('editor.inspector');
  const geometry = layerDef(layer.type).window?.(layer.params);
  if (!input || input.length !== 3 || !geometry) return null;
  const rows = sizeArithmeticRows(input, geometry);
  return (
    <div className="arithmetic">
      <h3>{t('arithmetic')}</h3>
      {rows.map((r) => (
        <p key={r} className="mono" data-testid="size-arithmetic">
          {r}
        </p>
      ))}
    </div>
  );
}

/** The lessons that explain this layer, opened with its own kernel, stride and padding. */
function LearnLinks({ layer }: { layer: LayerNode }) {
  const t = useTranslations('editor.inspector');
  const lessons = useTranslations('learn.lessons');
  const links = learnLinksFor(layer);
  if (links.length === 0) return null;
  return (
    <nav className="inspector-learn" aria-label={t('learnMore')}>
      <h3>{t('learnMore')}</h3>
      <ul>
        {links.map((l) => (
          <li key={l.lesson}>
            <Link href={l.href}>{lessons(`${l.lesson}.title`)}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function Inspector() {
  const t = useTranslations('editor.inspector');
  const issueText = useIssueText();
  const selected = useEditor((s) => s.selectedNodeIds);
  const layer = useEditor((s) => (s.selectedNodeIds.length === 1 ? s.doc.nodes.find((n) => n.id === s.selectedNodeIds[0]) : undefined));
  const analysis = useAnalysis();
  const memory = useTrainingMemory();
  const format = useFormatter();
  const bytes = useFormatBytes();
  if (!layer) {
    return (
      <aside className="inspector" aria-label={t('title')}>
        <h2>{t('title')}</h2>
        <p className="muted">{selected.length > 1 ? t('multi', { count: selected.length }) : t('empty')}</p>
      </aside>
    );
  }
  const a = analysis.nodes[layer.id];
  const layerMemory = memory.layers[layer.id];
  return (
    <aside className="inspector" aria-label={t('title')}>
      <h2>
        {layer.type} <span className="muted mono">{layer.id}</span>
      </h2>
      <dl className="facts">
        <dt>{t('inputShape')}</dt>
        <dd className="mono">{a?.inputShapes.length ? a.inputShapes.map(formatShape).join(' + ') : '—'}</dd>
        <dt>{t('outputShape')}</dt>
        <dd className="mono" data-testid="inspector-output-shape">
          {a?.outputShape ? formatShape(a.outputShape) : '—'}
        </dd>
        <dt>{t('paramCount')}</dt>
        <dd className="mono">{a?.paramCount ? format.number(a.paramCount.total) : '—'}</dd>
        <dt>{t('memory')}</dt>
        <dd data-testid="inspector-memory">
          {layerMemory
            ? t('memoryParts', {
                total: bytes(layerMemory.total),
                weights: bytes(layerMemory.weights),
                gradients: bytes(layerMemory.gradients),
                optimizer: bytes(layerMemory.optimizer),
                activations: bytes(layerMemory.activations),
                batch: memory.batchSize,
              })
            : '—'}
        </dd>
      </dl>
      <form className="params" onSubmit={(e) => e.preventDefault()} key={layer.id}>
        {layerDef(layer.type).fields.map((field) =>
          field.kind === 'select' || field.kind === 'boolean' ? (
            <ChoiceField key={field.key} layer={layer} field={field} />
          ) : (
            <TextField key={field.key} layer={layer} field={field} />
          ),
        )}
      </form>
      <Arithmetic layer={layer} input={a?.inputShapes[0]} />
      <LearnLinks layer={layer} />
      {a && a.issues.length > 0 ? (
        <div className="inspector-issues">
          <h3>{t('issues')}</h3>
          <ul>
            {a.issues.map((i) => (
              <li key={i.code} className={i.severity}>
                {issueText(i)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </aside>
  );
}
