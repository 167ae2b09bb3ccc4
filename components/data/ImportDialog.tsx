'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import { importDataset, type DataError, type DatasetSummary } from '@/lib/data';
import { formatShape } from '@/lib/data/errors';
import { datasetNameFrom, guessRole, type FileRole } from '@/lib/data/importer';
import { parseShapeText, type Shape } from '@/lib/data/raw';
import { announceDatasetsChanged } from './useDatasets';
import { ErrorList } from './ErrorList';
import './data.css';

export interface ImportDialogProps {
  open: boolean;
  onClose(): void;
  onImported(summary: DatasetSummary): void;
  /** e.g. the Input node's shape: zip images are resized to it */
  suggestedShape?: Shape;
}

interface Chosen {
  file: File;
  role: FileRole;
}

const holdOutChoices = [0, 0.1, 0.2, 0.3];

/** Choose files (CSV, IDX or a zip of class folders), watch the progress, read what is wrong with them. */
export function ImportDialog({ open, onClose, onImported, suggestedShape }: ImportDialogProps) {
  const t = useTranslations('data.import');
  const format = useFormatter();
  const dialog = useRef<HTMLDialogElement>(null);
  const ids = { files: useId(), name: useId(), shape: useId(), holdOut: useId() };
  const [chosen, setChosen] = useState<Chosen[]>([]);
  const [name, setName] = useState('');
  const [shapeText, setShapeText] = useState(suggestedShape ? formatShape(suggestedShape) : '');
  const [holdOut, setHoldOut] = useState(0.2);
  const [progress, setProgress] = useState<number | null>(null);
  const [errors, setErrors] = useState<DataError[]>([]);
  const [hint, setHint] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  const busy = progress !== null;
  const hasTest = chosen.some((c) => c.role === 'test');
  const shape = shapeText.trim() === '' ? undefined : parseShapeText(shapeText);
  const defaultName = datasetNameFrom(chosen.find((c) => c.role === 'train')?.file.name ?? chosen[0]?.file.name ?? '');

  function add(files: FileList | null) {
    if (!files?.length) return;
    const added = [...files].map((file) => ({ file, role: guessRole(file.name) }));
    setChosen((all) => [...all.filter((c) => !added.some((a) => a.file.name === c.file.name)), ...added]);
    setErrors([]);
    setHint(null);
  }

  // Closing starts the next import afresh: files and problems from this one would only confuse it.
  function close() {
    abort.current?.abort();
    setChosen([]);
    setErrors([]);
    setHint(null);
    setName('');
    onClose();
  }

  async function submit() {
    if (!chosen.some((c) => c.role === 'train')) return setHint(t('chooseTrain'));
    if (shape === null) return;
    setErrors([]);
    setHint(null);
    setProgress(0);
    const controller = new AbortController();
    abort.current = controller;
    const result = await importDataset(
      chosen,
      { name: name.trim() || undefined, shape, validationFraction: hasTest ? 0 : holdOut },
      (fraction) => setProgress(fraction),
      controller.signal,
    );
    abort.current = null;
    setProgress(null);
    if (controller.signal.aborted) return;
    if (!result.ok) return setErrors(result.errors);
    announceDatasetsChanged();
    setChosen([]);
    setName('');
    onImported(result.summary);
  }

  return (
    <dialog ref={dialog} className="import-dialog" aria-labelledby={`${ids.files}-title`} onClose={() => open && close()}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        onDragOver={(e) => e.preventDefault()}
        onDrop={(e) => {
          e.preventDefault();
          if (!busy) add(e.dataTransfer.files);
        }}
      >
        <h2 id={`${ids.files}-title`}>{t('title')}</h2>
        <p className="formats muted">{t('formats')}</p>

        <div className="import-field">
          <label htmlFor={ids.files}>{t('trainFiles')}</label>
          <input id={ids.files} type="file" multiple disabled={busy} onChange={(e) => {
              add(e.target.files);
              // The list below shows what is chosen; emptying the input lets the same file be chosen again.
              e.target.value = '';
            }}
          />
          <span className="hint">{t('trainHint')}</span>
          {chosen.length ? (
            <ul className="chosen-files">
              {chosen.map((c, i) => (
                <li key={c.file.name}>
                  <span className="mono">{c.file.name}</span>
                  <span className="muted">
                    {c.file.size < 1e6
                      ? `${format.number(Math.max(1, Math.round(c.file.size / 1e3)))} KB`
                      : `${format.number(c.file.size / 1e6, { maximumFractionDigits: 1 })} MB`}
                  </span>
                  <select
                    aria-label={t('roleOf', { file: c.file.name })}
                    value={c.role}
                    disabled={busy}
                    onChange={(e) => setChosen((all) => all.map((x, j) => (j === i ? { ...x, role: e.target.value as FileRole } : x)))}
                  >
                    <option value="train">{t('roleTrain')}</option>
                    <option value="test">{t('roleTest')}</option>
                  </select>
                  <button type="button" disabled={busy} aria-label={t('remove', { file: c.file.name })} onClick={() => setChosen((all) => all.filter((_, j) => j !== i))}>
                    ×
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          <span className="hint">{t('testHint')}</span>
        </div>

        <div className="import-row">
          <div className="import-field">
            <label htmlFor={ids.name}>{t('name')}</label>
            <input id={ids.name} value={name} placeholder={defaultName} maxLength={100} disabled={busy} onChange={(e) => setName(e.target.value)} />
          </div>
          <div className="import-field">
            <label htmlFor={ids.shape}>{t('shape')}</label>
            <input
              id={ids.shape}
              value={shapeText}
              placeholder={t('shapePlaceholder')}
              disabled={busy}
              aria-invalid={shape === null}
              aria-describedby={`${ids.shape}-hint`}
              onChange={(e) => setShapeText(e.target.value)}
            />
          </div>
        </div>
        <span className="hint muted" id={`${ids.shape}-hint`}>
          {shape === null ? <span className="error-text">{t('shapeInvalid', { text: shapeText })}</span> : t('shapeHint')}
        </span>

        {!hasTest ? (
          <div className="import-field">
            <label htmlFor={ids.holdOut}>{t('holdOut')}</label>
            <select id={ids.holdOut} value={holdOut} disabled={busy} onChange={(e) => setHoldOut(Number(e.target.value))}>
              {holdOutChoices.map((f) => (
                <option key={f} value={f}>
                  {f === 0 ? t('holdOutNone') : t('holdOutPercent', { percent: format.number(f, { style: 'percent' }) })}
                </option>
              ))}
            </select>
          </div>
        ) : null}

        {busy ? (
          <div className="import-progress" role="status">
            <progress value={progress} max={1} aria-label={t('progress', { percent: '' })} />
            <span>{t('progress', { percent: format.number(progress, { style: 'percent' }) })}</span>
          </div>
        ) : null}
        {hint ? (
          <p className="error-text" role="alert">
            {hint}
          </p>
        ) : null}
        <ErrorList errors={errors} title={t('failed')} />

        <div className="dialog-actions">
          <button type="button" onClick={close}>
            {busy ? t('cancel') : t('close')}
          </button>
          <button type="submit" className="primary" disabled={busy || chosen.length === 0 || shape === null}>
            {t('submit')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
