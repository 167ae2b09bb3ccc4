'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { exportKeras, type KerasExport } from '@/lib/keras/export';
import { downloadText, fileNameFrom } from './download';
import { useEditorStore } from './EditorContext';
import { useIssueText } from './useIssueText';

/** "Keras code": the architecture as tf.keras Python, to copy or download; a graph with errors lists them instead. */
export function KerasExportButton() {
  const t = useTranslations('editor.keras');
  const store = useEditorStore();
  const [shown, setShown] = useState<{ result: KerasExport; name: string } | null>(null);
  return (
    <>
      <button
        type="button"
        onClick={() => {
          const doc = store.getState().doc;
          setShown({ result: exportKeras(doc), name: doc.name });
        }}
      >
        {t('button')}
      </button>
      {shown ? <KerasDialog result={shown.result} name={shown.name} onClose={() => setShown(null)} /> : null}
    </>
  );
}

function KerasDialog({ result, name, onClose }: { result: KerasExport; name: string; onClose: () => void }) {
  const t = useTranslations('editor.keras');
  const issueText = useIssueText();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    close.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <div className="dialog keras-dialog" role="dialog" aria-modal="true" aria-labelledby="keras-title">
      <h2 id="keras-title">{t('title')}</h2>
      {result.ok ? (
        <>
          <p className="muted">{t('help')}</p>
          <pre className="keras-code" aria-label={t('codeLabel')} tabIndex={0}>
            {result.code}
          </pre>
          <div className="dialog-actions">
            <button
              type="button"
              className="primary"
              onClick={() =>
                navigator.clipboard.writeText(result.code).then(
                  () => setCopied('yes'),
                  () => setCopied('failed'),
                )
              }
            >
              {t('copy')}
            </button>
            <button type="button" onClick={() => downloadText(fileNameFrom(name, 'py', 'model', '_'), result.code, 'text/x-python')}>
              {t('download')}
            </button>
            <button type="button" ref={close} onClick={onClose}>
              {t('close')}
            </button>
            <span role="status" className="muted">
              {copied === 'yes' ? t('copied') : copied === 'failed' ? t('copyFailed') : null}
            </span>
          </div>
        </>
      ) : (
        <>
          <p className="error-text">{t('hasErrors', { count: result.issues.length })}</p>
          <ul>
            {result.issues.map((i) => (
              <li key={`${i.nodeId}:${i.code}`}>
                <span className="mono">{i.nodeId}</span>: {issueText(i)}
              </li>
            ))}
          </ul>
          <div className="dialog-actions">
            <button type="button" ref={close} onClick={onClose}>
              {t('close')}
            </button>
          </div>
        </>
      )}
    </div>
  );
}
