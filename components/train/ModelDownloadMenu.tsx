'use client';

import { useTranslations } from 'next-intl';
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { fileNameFrom } from '@/components/editor/download';
import './train.css';
import { useIssueText } from '@/components/editor/useIssueText';
import type { ExportRefusal } from '@/lib/export/model';
import type { ArchitectureDocument } from '@/lib/schema';
import type { WeightsPayload } from '@/lib/train/worker/weights';

/** What a download is made from: a document and its trained weights (null: the untrained model with initial weights). */
export type ModelSource = { ok: true; document: ArchitectureDocument; weights: WeightsPayload | null } | { ok: false; error: string };

/** Why a format did not download: the exporters' refusals, saved weights that do not fit (English, naming the weight), or any other failure. */
export type DownloadRefusal = ExportRefusal | { kind: 'weights'; message: string } | { kind: 'error'; message: string };

export type BuiltDownload = { ok: true; bytes: Uint8Array; type: string } | { ok: false; refusal: DownloadRefusal };

/** One entry of the "Download model" menu. */
export interface ModelDownloadFormat {
  id: 'tfjs' | 'onnx' | 'pytorch';
  /** The downloaded file's name from the architecture's name (the rule of every export: fileNameFrom). */
  fileName(name: string): string;
  build(source: { document: ArchitectureDocument; weights: WeightsPayload | null }): Promise<BuiltDownload>;
}

// Each format's code is loaded only when it is picked: tfjs, onnx-proto and the exporters stay out of the page's first bytes.
const exporterOf = (id: 'onnx' | 'pytorch'): ModelDownloadFormat['build'] =>
  async ({ document, weights }) => {
    const { buildModelDownload } = await import('@/lib/export/build');
    return buildModelDownload(id, document, weights);
  };

export const modelDownloadFormats: readonly ModelDownloadFormat[] = [
  {
    id: 'tfjs',
    fileName: (name) => fileNameFrom(name, 'zip', 'model', '_'),
    async build({ document, weights }) {
      const { exportTfjsModel } = await import('@/lib/modelio/tfjs');
      const exported = await exportTfjsModel(document, weights);
      return exported.ok ? { ok: true, bytes: exported.zip, type: 'application/zip' } : { ok: false, refusal: exported.refusal };
    },
  },
  { id: 'onnx', fileName: (name) => fileNameFrom(name, 'onnx', 'model', '_'), build: exporterOf('onnx') },
  // "<name>_pytorch.zip", so it never overwrites the TF.js zip of the same model.
  { id: 'pytorch', fileName: (name) => fileNameFrom(`${name} pytorch`, 'zip', 'model_pytorch', '_'), build: exporterOf('pytorch') },
];

function downloadBytes(fileName: string, bytes: Uint8Array, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

type Failure = { format: ModelDownloadFormat['id']; refusal: DownloadRefusal };

/**
 * "Download model": a disclosure button opening one button per format
 * (TensorFlow.js, ONNX, PyTorch); Escape closes it and returns focus to the
 * button. `load` fetches what to export only when a format is picked (a run's
 * weights can be large); `label` names what is downloaded for screen readers
 * (e.g. the run). A refused download says why, naming the layers, the graph's
 * errors or the missing weight.
 */
export function ModelDownloadMenu({ load, label }: { load: () => Promise<ModelSource>; label?: string }) {
  const t = useTranslations('train.download');
  const issueText = useIssueText();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<ModelDownloadFormat['id'] | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const menuId = useId();
  const failureId = useId();
  const toggle = useRef<HTMLButtonElement>(null);

  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };

  const pick = async (format: ModelDownloadFormat) => {
    setBusy(format.id);
    setFailure(null);
    try {
      const source = await load();
      if (!source.ok) return setFailure({ format: format.id, refusal: { kind: 'error', message: source.error } });
      const built = await format.build(source);
      if (!built.ok) return setFailure({ format: format.id, refusal: built.refusal });
      downloadBytes(format.fileName(source.document.name), built.bytes, built.type);
      close();
    } catch (e) {
      setFailure({ format: format.id, refusal: { kind: 'error', message: e instanceof Error ? e.message : String(e) } });
    } finally {
      setBusy(null);
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && open) {
      e.stopPropagation();
      close();
    }
  };

  const formatName = (id: ModelDownloadFormat['id']) => t(`${id}Name`);
  const refusalText = (f: Failure) => {
    const r = f.refusal;
    const format = formatName(f.format);
    switch (r.kind) {
      case 'unsupported':
        return (
          <>
            {t('unsupported', { format, count: r.layers.length })} <span className="mono">{r.layers.map((l) => `${l.nodeId} (${l.type})`).join(', ')}</span>
          </>
        );
      case 'invalid':
        return (
          <>
            {t('invalid', { format, count: r.issues.length })} {r.issues.map((i) => `${i.nodeId ?? ''}: ${issueText(i)}`).join('; ')}
          </>
        );
      case 'missingWeight':
        return t('missingWeight', { format, layer: r.nodeId, weight: r.slot });
      case 'weights':
        return t('weightsMismatch', { format, detail: r.message });
      case 'error':
        return t('failed', { format, error: r.message });
    }
  };

  return (
    <span className="model-downloads" onKeyDown={onKeyDown}>
      <button ref={toggle} type="button" aria-expanded={open} aria-controls={menuId} aria-label={label ? t('buttonFor', { what: label }) : undefined} onClick={() => setOpen((o) => !o)}>
        {t('button')}
      </button>
      <ul id={menuId} className="model-downloads-list" hidden={!open}>
        {modelDownloadFormats.map((format) => (
          <li key={format.id}>
            <button type="button" disabled={busy !== null} aria-describedby={failure?.format === format.id ? failureId : undefined} onClick={() => void pick(format)}>
              {busy === format.id ? t('preparing') : t(format.id)}
            </button>
          </li>
        ))}
      </ul>
      {failure ? (
        <span id={failureId} className="error-text" role="alert">
          {refusalText(failure)}{' '}
          <button type="button" onClick={() => setFailure(null)} aria-label={t('dismiss')}>
            ×
          </button>
        </span>
      ) : null}
    </span>
  );
}
