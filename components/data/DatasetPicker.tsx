'use client';

import { useFormatter, useTranslations } from 'next-intl';
import Link from 'next/link';
import { useId, useState } from 'react';
import type { DatasetSummary } from '@/lib/data';
import { formatShape } from '@/lib/data/errors';
import type { Shape } from '@/lib/data/raw';
import { ImportDialog } from './ImportDialog';
import { ImportedMessage } from './ImportedMessage';
import { useDatasets } from './useDatasets';
import './data.css';

export interface DatasetPickerProps {
  value: string | null;
  onChange(id: string): void;
  /** The model's Input shape: zip images are resized to it when imported here. */
  suggestedShape?: Shape;
}

/** A select of every dataset (built in and imported) with its sizes. */
export function DatasetPicker({ value, onChange, suggestedShape }: DatasetPickerProps) {
  const t = useTranslations('data.picker');
  const format = useFormatter();
  const { datasets, error } = useDatasets();
  const id = useId();
  const known = datasets?.some((d) => d.id === value) ?? false;
  const [importing, setImporting] = useState(false);
  const [imported, setImported] = useState<DatasetSummary | null>(null);
  return (
    <>
      <span className="dataset-picker">
        <label htmlFor={id}>{t('label')}</label>
        <select id={id} value={value ?? ''} disabled={!datasets} onChange={(e) => e.target.value && onChange(e.target.value)}>
          {!datasets ? <option value={value ?? ''}>{t('loading')}</option> : null}
          {datasets && !known ? <option value={value ?? ''} disabled>{value ?? '—'}</option> : null}
          {datasets?.map((d) => (
            <option key={d.id} value={d.id}>
              {t('option', { name: d.name, train: format.number(d.trainCount), test: format.number(d.testCount), shape: formatShape(d.shape) })}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => setImporting(true)}>
          {t('import')}
        </button>
        <Link href="/datasets">{t('manage')}</Link>
        {error ? (
          <span className="error-text" role="alert">
            {t('failed', { message: error })}
          </span>
        ) : null}
      </span>
      {imported ? <ImportedMessage summary={imported} onDismiss={() => setImported(null)} /> : null}
      <ImportDialog
        open={importing}
        suggestedShape={suggestedShape}
        onClose={() => setImporting(false)}
        onImported={(summary) => {
          setImporting(false);
          setImported(summary);
          onChange(summary.id);
        }}
      />
    </>
  );
}
