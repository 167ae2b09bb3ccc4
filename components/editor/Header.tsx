'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { renameDocument, TAB_MEMORY_BUDGET } from '@/lib/graph';
import { useFormatBytes } from '@/components/ui/useFormatBytes';
import { useAnalysis, useEditor, useEditorStore, useReadOnly } from './EditorContext';
import { useTrainingMemory } from './TrainingSettings';
import type { SaveStatus } from './useDocumentSync';

export function NameField() {
  const name = useEditor((s) => s.doc.name);
  // Keyed by the name, so undo/redo of a rename shows the restored name.
  return <NameInput key={name} name={name} />;
}

function NameInput({ name }: { name: string }) {
  const t = useTranslations('editor');
  const store = useEditorStore();
  const readOnly = useReadOnly();
  const [text, setText] = useState(name);
  const commit = () => {
    const trimmed = text.trim().slice(0, 100);
    if (!trimmed) return setText(name);
    if (trimmed !== name) store.getState().apply(renameDocument(store.getState().doc, trimmed));
  };
  return (
    <input
      className="name-field"
      aria-label={t('nameLabel')}
      value={text}
      readOnly={readOnly}
      maxLength={100}
      style={{ width: `${Math.min(36, Math.max(14, text.length + 2))}ch` }}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
      }}
    />
  );
}

/** Total / trainable parameters, or "—" while any error remains (never a wrong total). */
export function Totals() {
  const t = useTranslations('editor.totals');
  const { totals, errorCount, issues } = useAnalysis();
  const warnings = issues.length - errorCount;
  const format = useFormatter();
  const fmt = (n: number) => format.number(n);
  return (
    <div className="totals" data-testid="totals">
      <span>
        {t('params')}: <strong data-testid="total-params">{totals ? fmt(totals.total) : t('none')}</strong>
      </span>
      {totals ? (
        <span className="muted">
          {t('trainable')} <span data-testid="trainable-params">{fmt(totals.trainable)}</span> · {t('nonTrainable')}{' '}
          {fmt(totals.nonTrainable)}
        </span>
      ) : null}
      {errorCount > 0 ? <span className="badge error">{t('errors', { count: errorCount })}</span> : null}
      {warnings > 0 ? <span className="badge warning">{t('warnings', { count: warnings })}</span> : null}
      <MemoryTotal />
    </div>
  );
}

/** Memory to train at the Train tab's batch size, with a warning (icon and words) when a tab cannot hold it. */
function MemoryTotal() {
  const t = useTranslations('editor.totals');
  const memory = useTrainingMemory();
  const bytes = useFormatBytes();
  if (!memory.total) return null;
  const optimizer = t(`optimizer.${memory.optimizer}`);
  return (
    <>
      <span className="muted" data-testid="training-memory" title={t('memoryHelp', { batch: memory.batchSize, optimizer })}>
        {t('memory', { bytes: bytes(memory.total.total), batch: memory.batchSize })}
        <span className="visually-hidden"> ({t('memoryHelp', { batch: memory.batchSize, optimizer })})</span>
      </span>
      {memory.exceedsBudget ? (
        <span className="badge warning" role="note" data-testid="memory-warning">
          <span aria-hidden="true">⚠ </span>
          {t('memoryWarning', { budget: bytes(TAB_MEMORY_BUDGET) })}
        </span>
      ) : null}
    </>
  );
}

export function GraphIssuesBar() {
  const { issues } = useAnalysis();
  const t = useTranslations('editor.issues');
  const graphLevel = issues.filter((i) => i.nodeId === null);
  if (!graphLevel.length) return null;
  return (
    <div className="graph-issues" role="alert">
      {graphLevel.map((i) => (
        <p key={i.code}>{t.has(i.code) ? t(i.code, i.values) : i.message}</p>
      ))}
    </div>
  );
}

/** `takeFocus`: focus moves here when it shows up in place of the Save button that had it (else focus would fall to the page). */
export function SaveState({ status, onRetry, takeFocus = false }: { status: SaveStatus; onRetry: () => void; takeFocus?: boolean }) {
  const t = useTranslations('editor.save');
  const element = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (takeFocus) element.current?.focus();
  }, [takeFocus]);
  const text =
    status.kind === 'failed'
      ? t('failed', { error: status.error })
      : status.kind === 'conflict'
        ? t('conflictTitle')
        : t(status.kind);
  return (
    <span className={`save-state ${status.kind}`} role="status" data-testid="save-state" data-state={status.kind} ref={element} tabIndex={takeFocus ? -1 : undefined}>
      {text}
      {status.kind === 'failed' ? (
        <button type="button" onClick={onRetry}>
          {t('retry')}
        </button>
      ) : null}
    </span>
  );
}
