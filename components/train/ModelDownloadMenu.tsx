'use client';

import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { fileNameFrom } from '@/components/editor/download';
import type { ArchitectureDocument } from '@/lib/schema';
import type { WeightsPayload } from '@/lib/train/worker/weights';

/** What a download is made from: a document and its trained weights (null: the untrained model with initial weights). */
export type ModelSource = { ok: true; document: ArchitectureDocument; weights: WeightsPayload | null } | { ok: false; error: string };

/** One entry of the "Download model" menu. Other formats add an entry here. */
export interface ModelDownloadFormat {
  id: string;
  /** Key under train.download. */
  labelKey: string;
  extension: string;
  build(source: { document: ArchitectureDocument; weights: WeightsPayload | null }): Promise<{ ok: true; bytes: Uint8Array; type: string } | { ok: false; error: string }>;
}

export const modelDownloadFormats: ModelDownloadFormat[] = [
  {
    id: 'tfjs',
    labelKey: 'tfjs',
    extension: 'zip',
    async build({ document, weights }) {
      const { exportTfjsModel } = await import('@/lib/modelio/tfjs');
      const exported = await exportTfjsModel(document, weights);
      return exported.ok ? { ok: true, bytes: exported.zip, type: 'application/zip' } : exported;
    },
  },
];

function downloadBytes(fileName: string, bytes: Uint8Array, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * "Download model": a disclosure with one button per format. `load` fetches
 * what to export only when a format is picked (a run's weights can be large).
 * `label` names what is downloaded for screen readers (e.g. the run).
 */
export function ModelDownloadMenu({ load, label }: { load: () => Promise<ModelSource>; label?: string }) {
  const t = useTranslations('train.download');
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const menuId = useId();

  const pick = async (format: ModelDownloadFormat) => {
    setBusy(format.id);
    setError(null);
    try {
      const source = await load();
      if (!source.ok) {
        setError(source.error);
        return;
      }
      const built = await format.build(source);
      if (!built.ok) {
        setError(built.error);
        return;
      }
      downloadBytes(fileNameFrom(source.document.name, format.extension, 'model', '_'), built.bytes, built.type);
      setOpen(false);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <span className="model-downloads">
      <button type="button" aria-expanded={open} aria-controls={menuId} aria-label={label ? t('buttonFor', { what: label }) : undefined} onClick={() => setOpen((o) => !o)}>
        {t('button')}
      </button>
      {open ? (
        <ul id={menuId} className="model-downloads-list" role="list">
          {modelDownloadFormats.map((format) => (
            <li key={format.id}>
              <button type="button" disabled={busy !== null} onClick={() => void pick(format)}>
                {busy === format.id ? t('preparing') : t(format.labelKey)}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <span className="error-text" role="alert">
          {t('failed', { error })}
        </span>
      ) : null}
    </span>
  );
}
