'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { loadDataset, type Dataset, type DatasetSummary } from '@/lib/data';
import { formatShape } from '@/lib/data/errors';
import { ClassTable } from './ClassTable';
import { SampleGrid } from './SampleGrid';
import './data.css';

type Loading = { state: 'loading'; fraction: number } | { state: 'failed'; message: string } | { state: 'ready'; dataset: Dataset };

export interface DatasetViewProps {
  summary: DatasetSummary;
  /** after the user renamed classes */
  onChanged?(summary: DatasetSummary): void;
}

/** One dataset: its shape and sizes, images per class (renamable when imported) and a grid of samples. */
export function DatasetView({ summary, onChanged }: DatasetViewProps) {
  const t = useTranslations('data');
  const format = useFormatter();
  const [loading, setLoading] = useState<Loading>({ state: 'loading', fraction: 0 });
  const [classIndex, setClassIndex] = useState<number | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    // The parent keys this view by dataset id, so a new dataset starts from a fresh state.
    let current = true;
    loadDataset(summary.id, (fraction) => current && setLoading({ state: 'loading', fraction })).then(
      (dataset) => current && setLoading({ state: 'ready', dataset }),
      (e: unknown) => current && setLoading({ state: 'failed', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      current = false;
    };
  }, [summary.id, attempt]);

  const facts: [string, string, string?][] = [
    [t('view.shape'), formatShape(summary.shape)],
    [t('view.trainImages'), format.number(summary.trainCount)],
    [t('view.testImages'), summary.testCount ? format.number(summary.testCount) : t('view.noTest')],
    [t('view.classesHeading'), format.number(summary.classNames.length)],
    [t('view.hash'), summary.hash.slice(0, 16) + '…', summary.hash],
  ];

  return (
    <article className="dataset-view" aria-labelledby="dataset-view-name">
      <h2 id="dataset-view-name">
        {summary.name}
        <span className={`source-badge ${summary.source}`}>{t(`list.${summary.source}`)}</span>
      </h2>
      <dl className="dataset-facts">
        {facts.map(([label, value, title], i) => (
          <div key={label} className={i === facts.length - 1 ? 'hash' : undefined}>
            <dt>{label}</dt>
            <dd title={title} data-testid={`fact-${i}`}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      {loading.state === 'loading' ? (
        <div className="load-progress" role="status">
          <span>{t('view.loading', { name: summary.name })}</span>
          <progress value={loading.fraction} max={1} aria-label={t('view.loading', { name: summary.name })} />
          <span>{format.number(loading.fraction, { style: 'percent' })}</span>
        </div>
      ) : loading.state === 'failed' ? (
        <div role="alert" className="load-progress">
          <p className="error-text">{t('view.loadFailed', { name: summary.name, message: loading.message })}</p>
          <button
            type="button"
            onClick={() => {
              setLoading({ state: 'loading', fraction: 0 });
              setAttempt((a) => a + 1);
            }}
          >
            {t('view.retry')}
          </button>
        </div>
      ) : (
        <>
          <ClassTable
            key={loading.dataset.id}
            dataset={loading.dataset}
            onShowClass={setClassIndex}
            onRenamed={(next) => {
              setLoading({ state: 'ready', dataset: { ...loading.dataset, classNames: next.classNames } });
              onChanged?.(next);
            }}
          />
          <SampleGrid dataset={loading.dataset} classIndex={classIndex} onClassChange={setClassIndex} />
        </>
      )}
    </article>
  );
}
