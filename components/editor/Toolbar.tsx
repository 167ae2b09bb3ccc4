'use client';

import { fitAfterLayout } from './fitAfterLayout';
import { useReactFlow } from '@xyflow/react';
import { useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { autoLayout, moveNodes } from '@/lib/graph';
import { parseArchitectureJson, serializeDocument, type SchemaIssue } from '@/lib/schema';
import { FIT_VIEW } from './Canvas';
import { downloadText, fileNameFrom } from './download';
import { useEditorStore, useHistory, useReadOnly } from './EditorContext';
import { KerasExportButton } from './KerasExport';

export function HistoryButtons() {
  const t = useTranslations('editor.toolbar');
  const store = useEditorStore();
  const canUndo = useHistory((h) => h.pastStates.length > 0);
  const canRedo = useHistory((h) => h.futureStates.length > 0);
  return (
    <>
      <button type="button" onClick={() => store.temporal.getState().undo()} disabled={!canUndo} title="Ctrl+Z">
        {t('undo')}
      </button>
      <button type="button" onClick={() => store.temporal.getState().redo()} disabled={!canRedo} title="Ctrl+Shift+Z / Ctrl+Y">
        {t('redo')}
      </button>
    </>
  );
}

export function LayoutButtons() {
  const t = useTranslations('editor.toolbar');
  const store = useEditorStore();
  const readOnly = useReadOnly();
  const { fitView } = useReactFlow();
  return (
    <>
      {!readOnly && (
        <button
          type="button"
          onClick={() => {
            const state = store.getState();
            state.apply(moveNodes(state.doc, autoLayout(state.doc)));
            requestAnimationFrame(() => void fitView(FIT_VIEW));
          }}
        >
          {t('layout')}
        </button>
      )}
      <button type="button" onClick={() => void fitView(FIT_VIEW)}>
        {t('fit')}
      </button>
    </>
  );
}

/** Export the document as .json; import validates it and shows the schema errors instead of loading a broken graph. */
export function FileButtons() {
  const t = useTranslations('editor');
  const store = useEditorStore();
  const readOnly = useReadOnly();
  const input = useRef<HTMLInputElement>(null);
  const [issues, setIssues] = useState<SchemaIssue[] | null>(null);
  const [imported, setImported] = useState<{ name: string; layers: number } | null>(null);
  const { fitView } = useReactFlow();
  /** In the user's language where the issue has a code; otherwise as the schema says it (a layer's own check). */
  const issueText = (issue: SchemaIssue): string => {
    const key = `import.issues.${issue.code}`;
    if (!issue.code || !t.has(key)) return issue.message;
    const values = { ...issue.values };
    if (typeof values.expected === 'string' && t.has(`import.kinds.${values.expected}`)) values.expected = t(`import.kinds.${values.expected}`);
    if (values.got === 'nothing') values.got = t('import.nothing');
    return t(key, values);
  };
  return (
    <>
      {!readOnly && (
        <>
          <button type="button" onClick={() => input.current?.click()}>
            {t('toolbar.import')}
          </button>
          <input
            ref={input}
            type="file"
            accept="application/json,.json"
            hidden
            aria-label={t('toolbar.import')}
            data-testid="import-file"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (!file) return;
              const result = parseArchitectureJson(await file.text());
              if (!result.ok) {
                setImported(null);
                setIssues(result.issues);
                return;
              }
              setIssues(null);
              store.getState().apply(result.document);
              setImported({ name: result.document.name, layers: result.document.nodes.length });
              fitAfterLayout(fitView);
            }}
          />
        </>
      )}
      <button
        type="button"
        onClick={() => {
          const doc = store.getState().doc;
          downloadText(fileNameFrom(doc.name, 'json', 'architecture', '-'), serializeDocument(doc), 'application/json');
        }}
      >
        {t('toolbar.export')}
      </button>
      <KerasExportButton />
      {imported ? (
        <span className="import-message" role="status" data-testid="import-message">
          {t('import.done', { name: imported.name, layers: imported.layers })}{' '}
          <button type="button" aria-label={t('import.dismiss')} onClick={() => setImported(null)}>
            ×
          </button>
        </span>
      ) : null}
      {issues && (
        <div className="dialog" role="alertdialog" aria-labelledby="import-errors-title">
          <p id="import-errors-title">
            <strong>{t('import.failed')}</strong>
          </p>
          <ul className="mono">
            {issues.map((i) => (
              <li key={`${i.path}:${i.message}`}>
                {i.path}: {issueText(i)}
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => setIssues(null)}>
            {t('import.close')}
          </button>
        </div>
      )}
    </>
  );
}
