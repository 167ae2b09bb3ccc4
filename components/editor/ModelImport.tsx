'use client';

import { fitAfterLayout } from './fitAfterLayout';
import { useReactFlow } from '@xyflow/react';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { createRun, deleteRun, loadRunWeights, saveRunWeights, updateRun } from '@/lib/api/client';
import type { DatasetSummary } from '@/lib/data';
import { analyzeGraph } from '@/lib/graph';
import type { ModelFormat } from '@/lib/modelio/keras';
import type { ImportProblem } from '@/lib/modelio/problems';
import type { ArchitectureDocument } from '@/lib/schema';
import type { WeightsPayload } from '@/lib/train/worker/weights';
import { ModelDownloadMenu } from '@/components/train/ModelDownloadMenu';
import { useEditorStore, useReadOnly } from './EditorContext';

interface Imported {
  document: ArchitectureDocument;
  format: ModelFormat;
  file: string;
  dropped: string[];
  kerasWeightsIgnored: boolean;
  weightsNotGiven: boolean;
  weights: WeightsPayload | null;
}

/** The datasets the imported weights may belong to: the Input's image shape and the output's class count. */
function matchingDatasets(doc: ArchitectureDocument, datasets: DatasetSummary[]): DatasetSummary[] {
  const analysis = analyzeGraph(doc);
  const input = doc.nodes.find((n) => n.type === 'Input');
  const shape = (input?.params as { shape?: number[] } | undefined)?.shape ?? [];
  const classes = analysis.outputId ? analysis.nodes[analysis.outputId]?.outputShape : null;
  return datasets.filter((d) => d.shape.join('×') === shape.join('×') && (!classes || classes.length !== 1 || classes[0] === d.classNames.length));
}

/**
 * "Import model…": a TF.js model.json with its weight files (several files,
 * or a zip), a Keras JSON or .keras file, or a CNN Studio document. The
 * architecture replaces the canvas (one undo step); weights that came with it
 * can be saved as a run named "Imported weights". A refused file changes nothing.
 */
export function ModelImportButton({ architectureId }: { architectureId: string | null }) {
  const t = useTranslations('editor.modelImport');
  const store = useEditorStore();
  const readOnly = useReadOnly();
  const input = useRef<HTMLInputElement>(null);
  const { fitView } = useReactFlow();
  const [problems, setProblems] = useState<{ files: string; list: ImportProblem[] } | null>(null);
  const [imported, setImported] = useState<Imported | null>(null);
  const [reading, setReading] = useState(false);
  if (readOnly) return null;

  const onFiles = async (list: File[]) => {
    setReading(true);
    setProblems(null);
    setImported(null);
    try {
      const { pickedTooLarge } = await import('@/lib/modelio/problems');
      const tooLarge = pickedTooLarge(list);
      if (tooLarge.length > 0) {
        setProblems({ files: list.map((f) => f.name).join(', '), list: tooLarge });
        return;
      }
      const picked = await Promise.all(list.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
      const { readModelFiles } = await import('@/lib/modelio/files');
      const result = readModelFiles(picked);
      const files = picked.map((f) => f.name).join(', ');
      if (!result.ok) {
        setProblems({ files, list: result.problems });
        return;
      }
      let weights: WeightsPayload | null = null;
      if (result.weights) {
        const { adoptImportedWeights } = await import('@/lib/modelio/tfjs');
        const adopted = await adoptImportedWeights(result.document, result.nodeIdOf, { specs: result.weights.specs, data: result.weights.data });
        if (!adopted.ok) {
          setProblems({ files, list: adopted.problems });
          return;
        }
        weights = adopted.payload;
      }
      store.getState().apply(result.document);
      setImported({
        document: result.document,
        format: result.format,
        file: result.modelFile,
        dropped: result.dropped,
        kerasWeightsIgnored: result.kerasWeightsIgnored,
        weightsNotGiven: result.weightsNotGiven,
        weights,
      });
      fitAfterLayout(fitView);
    } finally {
      setReading(false);
    }
  };

  return (
    <>
      <button type="button" onClick={() => input.current?.click()} disabled={reading}>
        {reading ? t('reading') : t('button')}
      </button>
      <input
        ref={input}
        type="file"
        multiple
        accept=".json,.zip,.keras,.bin,application/json,application/zip"
        hidden
        aria-label={t('button')}
        data-testid="model-import-files"
        onChange={(e) => {
          // Copied before the input is cleared: clearing it empties its live FileList.
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length > 0) void onFiles(files);
        }}
      />
      {problems ? <ProblemsDialog files={problems.files} problems={problems.list} onClose={() => setProblems(null)} /> : null}
      {imported ? <ImportedDialog imported={imported} architectureId={architectureId} onClose={() => setImported(null)} /> : null}
    </>
  );
}

/** Focuses `focus` once when the dialog opens (not on every render, so choosing a dataset keeps the focus) and closes on Escape. */
function useEscape(onClose: () => void, focus: React.RefObject<HTMLElement | null>) {
  const latest = useRef(onClose);
  useEffect(() => {
    latest.current = onClose;
  });
  useEffect(() => {
    focus.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && latest.current();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [focus]);
}

function ProblemsDialog({ files, problems, onClose }: { files: string; problems: ImportProblem[]; onClose: () => void }) {
  const t = useTranslations('editor.modelImport');
  const close = useRef<HTMLButtonElement>(null);
  useEscape(onClose, close);
  return (
    <div className="dialog" role="alertdialog" aria-modal="true" aria-labelledby="model-import-failed" data-testid="model-import-problems">
      <h2 id="model-import-failed">{t('failed', { files })}</h2>
      <p className="muted">{t('nothingChanged')}</p>
      <ul>
        {problems.map((p, i) => (
          <li key={i}>{t(`problems.${p.code}`, p.code === 'unsupportedSetting' ? { ...p.values, reason: t(`reasons.${p.values.reason}`) } : p.values)}</li>
        ))}
      </ul>
      <div className="dialog-actions">
        <button ref={close} type="button" onClick={onClose}>
          {t('close')}
        </button>
      </div>
    </div>
  );
}

function ImportedDialog({ imported, architectureId, onClose }: { imported: Imported; architectureId: string | null; onClose: () => void }) {
  const t = useTranslations('editor.modelImport');
  const close = useRef<HTMLButtonElement>(null);
  useEscape(onClose, close);
  const [datasets, setDatasets] = useState<DatasetSummary[] | null>(null);
  const [datasetId, setDatasetId] = useState('');
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { weights, document } = imported;

  useEffect(() => {
    if (!weights) return;
    let live = true;
    void import('@/lib/data').then(async ({ listDatasets }) => {
      const matching = matchingDatasets(document, await listDatasets());
      if (!live) return;
      setDatasets(matching);
      setDatasetId(matching[0]?.id ?? '');
    });
    return () => {
      live = false;
    };
  }, [weights, document]);

  const saveRun = async () => {
    const dataset = datasets?.find((d) => d.id === datasetId);
    if (!weights || !dataset || !architectureId) return;
    setSaving(true);
    setError(null);
    try {
      const { saveImportedRun } = await import('@/lib/modelio/importRun');
      const { id: _id, source: _source, ...ref } = dataset;
      const result = await saveImportedRun({ createRun, updateRun, deleteRun, saveRunWeights, loadRunWeights }, architectureId, document, weights, ref);
      if (result.ok) setSaved(true);
      else setError(result.error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="dialog model-import-dialog" role="dialog" aria-modal="true" aria-labelledby="model-import-done" data-testid="model-import-done">
      <h2 id="model-import-done">{t('done', { file: imported.file, layers: document.nodes.length, format: t(`formats.${imported.format}`) })}</h2>
      {imported.dropped.length > 0 ? <p className="muted">{t('dropped', { settings: imported.dropped.join(', ') })}</p> : null}
      {imported.kerasWeightsIgnored ? <p className="muted">{t('kerasWeightsIgnored')}</p> : null}
      {imported.weightsNotGiven ? <p className="muted">{t('weightsNotGiven')}</p> : null}
      {weights ? (
        <section aria-labelledby="model-import-weights">
          <h3 id="model-import-weights">{t('weightsTitle')}</h3>
          {saved ? (
            <p role="status">{t('runSaved')}</p>
          ) : (
            <>
              <p>{t('weightsHelp')}</p>
              {datasets && datasets.length === 0 ? <p className="muted">{t('noDataset')}</p> : null}
              {datasets && datasets.length > 0 ? (
                <label>
                  {t('dataset')}{' '}
                  <select value={datasetId} onChange={(e) => setDatasetId(e.target.value)}>
                    {datasets.map((d) => (
                      <option key={d.id} value={d.id}>
                        {d.name}
                      </option>
                    ))}
                  </select>
                </label>
              ) : null}
              {!architectureId ? <p className="muted">{t('saveFirst')}</p> : null}
              <div className="dialog-actions">
                <button type="button" className="primary" disabled={saving || !architectureId || !datasetId} onClick={() => void saveRun()}>
                  {saving ? t('savingRun') : t('saveRun')}
                </button>
              </div>
              {error ? (
                <p className="error-text" role="alert">
                  {t('runFailed', { error })}
                </p>
              ) : null}
            </>
          )}
        </section>
      ) : null}
      <div className="dialog-actions">
        <button ref={close} type="button" onClick={onClose}>
          {t('close')}
        </button>
      </div>
    </div>
  );
}

/** "Download model" in the editor: the untrained architecture with fresh initial weights. */
export function EditorModelDownload() {
  const store = useEditorStore();
  return <ModelDownloadMenu load={async () => ({ ok: true, document: store.getState().doc, weights: null })} />;
}
