'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { deleteDataset, type DatasetSummary } from '@/lib/data';
import { formatShape } from '@/lib/data/errors';
import { DatasetView } from './DatasetView';
import { ImportDialog } from './ImportDialog';
import { ImportedMessage } from './ImportedMessage';
import { announceDatasetsChanged, useDatasets } from './useDatasets';
import './data.css';

/** The datasets page: every dataset on the left, the chosen one on the right, import on top. */
export function DatasetBrowser() {
  const t = useTranslations('data.list');
  const format = useFormatter();
  const { datasets, error } = useDatasets();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [imported, setImported] = useState<DatasetSummary | null>(null);
  const selected = datasets?.find((d) => d.id === selectedId) ?? datasets?.[0] ?? null;

  async function remove(d: DatasetSummary) {
    if (!window.confirm(t('confirmDelete', { name: d.name }))) return;
    try {
      await deleteDataset(d.id);
      setActionError(null);
      if (selectedId === d.id) setSelectedId(null);
      announceDatasetsChanged();
    } catch (e) {
      setActionError(t('deleteFailed', { name: d.name, message: e instanceof Error ? e.message : String(e) }));
    }
  }

  return (
    <div className="datasets-layout">
      <nav className="dataset-list" aria-labelledby="dataset-list-heading">
        <div className="dataset-list-head">
          <h2 id="dataset-list-heading">{t('heading')}</h2>
          <button type="button" className="primary" onClick={() => setImporting(true)}>
            {t('import')}
          </button>
        </div>
        {error ? (
          <p className="error-text" role="alert">
            {t('loadFailed', { message: error })}
          </p>
        ) : null}
        {imported ? <ImportedMessage summary={imported} onDismiss={() => setImported(null)} /> : null}
        {actionError ? (
          <p className="error-text" role="alert">
            {actionError}
          </p>
        ) : null}
        <ul>
          {datasets?.map((d) => (
            <li key={d.id}>
              <button type="button" className="dataset-card" aria-current={d.id === selected?.id} onClick={() => setSelectedId(d.id)}>
                <span className="dataset-card-name">
                  {d.name}
                  <span className={`source-badge ${d.source}`}>{t(d.source)}</span>
                </span>
                <span className="dataset-card-meta">
                  {d.testCount
                    ? t('counts', { train: format.number(d.trainCount), test: format.number(d.testCount) })
                    : t('countsNoTest', { train: format.number(d.trainCount) })}
                </span>
                <span className="dataset-card-meta">
                  {formatShape(d.shape)} · {t('classes', { count: d.classNames.length })}
                </span>
              </button>
              {d.source === 'imported' ? (
                <button type="button" className="dataset-card-delete" aria-label={`${t('delete')} ${d.name}`} onClick={() => void remove(d)}>
                  {t('delete')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      </nav>
      {selected ? <DatasetView key={selected.id} summary={selected} onChanged={announceDatasetsChanged} /> : null}
      <ImportDialog
        open={importing}
        onClose={() => setImporting(false)}
        onImported={(summary) => {
          setImporting(false);
          setSelectedId(summary.id);
          setImported(summary);
        }}
      />
    </div>
  );
}
