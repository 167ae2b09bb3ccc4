'use client';

import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { fileNameFrom } from '@/components/editor/download';
import { useEditorStore } from '@/components/editor/EditorContext';
import { useIssueText } from '@/components/editor/useIssueText';
import type { ExportFormat } from '@/lib/export/model';
import type { ArchitectureDocument } from '@/lib/schema';
import type { WeightsPayload } from '@/lib/train/worker/weights';
import type { ModelDownload } from '@/lib/export/build';

/** What a download is made from: a document and its trained weights (null: the untrained model with initial weights). */
export type ModelExportSource = { ok: true; document: ArchitectureDocument; weights: WeightsPayload | null } | { ok: false; error: string };

/** The formats this component offers, for a "Download model" menu: a label key under train.modelExport, and how to build the file. */
export interface ModelExportFormat {
  id: ExportFormat;
  labelKey: 'onnx' | 'pytorch';
  /** The downloaded file's name from the architecture's name (the rule of every export: fileNameFrom). */
  fileName(name: string): string;
  build(source: { document: ArchitectureDocument; weights: WeightsPayload | null }): Promise<ModelDownload>;
}

const build = (format: ExportFormat) => async (source: { document: ArchitectureDocument; weights: WeightsPayload | null }) => {
  // Loaded on demand: onnx-proto and the exporters stay out of the page's first bytes.
  const { buildModelDownload } = await import('@/lib/export/build');
  return buildModelDownload(format, source.document, source.weights);
};

export const modelExportFormats: readonly ModelExportFormat[] = [
  { id: 'onnx', labelKey: 'onnx', fileName: (name) => fileNameFrom(name, 'onnx', 'model', '_'), build: build('onnx') },
  // "<name>_pytorch.zip", so it never overwrites another zip of the same model.
  { id: 'pytorch', labelKey: 'pytorch', fileName: (name) => fileNameFrom(`${name} pytorch`, 'zip', 'model_pytorch', '_'), build: build('pytorch') },
];

function downloadBytes(fileName: string, bytes: Uint8Array, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

type Failure = { format: ExportFormat; refusal: Extract<ModelDownload, { ok: false }>['refusal'] } | { format: ExportFormat; error: string };

/**
 * ONNX and PyTorch downloads of a model: one button per format. `load`
 * fetches what to export only when a format is picked (a run's weights can be
 * large); `label` names what is downloaded for screen readers (e.g. the run).
 * A refused export says why, naming the layers.
 */
export function ModelDownloadsOnnxPytorch({ load, label }: { load: () => Promise<ModelExportSource>; label?: string }) {
  const t = useTranslations('train.modelExport');
  const issueText = useIssueText();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const failureId = useId();

  const pick = async (format: ModelExportFormat) => {
    setBusy(format.id);
    setFailure(null);
    try {
      const source = await load();
      if (!source.ok) return setFailure({ format: format.id, error: source.error });
      const built = await format.build(source);
      if (!built.ok) return setFailure({ format: format.id, refusal: built.refusal });
      downloadBytes(format.fileName(source.document.name), built.bytes, built.type);
    } catch (e) {
      setFailure({ format: format.id, error: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(null);
    }
  };

  const formatName = (id: ExportFormat) => t(`${id}Name`);
  return (
    <span className="model-downloads-onnx-pytorch" role="group" aria-label={label ? t('groupFor', { what: label }) : t('group')}>
      {modelExportFormats.map((format) => (
        <button key={format.id} type="button" disabled={busy !== null} aria-describedby={failure?.format === format.id ? failureId : undefined} onClick={() => void pick(format)}>
          {busy === format.id ? t('preparing') : t(format.labelKey)}
        </button>
      ))}
      {failure ? (
        <span id={failureId} className="error-text" role="alert">
          {'error' in failure ? (
            t('failed', { format: formatName(failure.format), error: failure.error })
          ) : failure.refusal.kind === 'unsupported' ? (
            <>
              {t('unsupported', { format: formatName(failure.format), count: failure.refusal.layers.length })}{' '}
              <span className="mono">{failure.refusal.layers.map((l) => `${l.nodeId} (${l.type})`).join(', ')}</span>
            </>
          ) : failure.refusal.kind === 'invalid' ? (
            <>
              {t('invalid', { count: failure.refusal.issues.length })}{' '}
              {failure.refusal.issues.map((i) => `${i.nodeId ?? ''}: ${issueText(i)}`).join('; ')}
            </>
          ) : failure.refusal.kind === 'missingWeight' ? (
            t('missingWeight', { layer: failure.refusal.nodeId, weight: failure.refusal.slot })
          ) : (
            t('weightsMismatch', { detail: failure.refusal.message })
          )}{' '}
          <button type="button" onClick={() => setFailure(null)} aria-label={t('dismiss')}>
            ×
          </button>
        </span>
      ) : null}
    </span>
  );
}

/** The editor's entries: the architecture as it stands, untrained, with its initial weights. */
export function EditorModelDownloadsOnnxPytorch() {
  const store = useEditorStore();
  return <ModelDownloadsOnnxPytorch load={async () => ({ ok: true, document: store.getState().doc, weights: null })} />;
}
