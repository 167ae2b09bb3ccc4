'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { renameClasses, type DataError, type Dataset, type DatasetSummary } from '@/lib/data';
import { classCounts } from './samples';
import { ErrorList } from './ErrorList';

export interface ClassTableProps {
  dataset: Dataset;
  onShowClass(classIndex: number): void;
  onRenamed(summary: DatasetSummary): void;
}

/** Images per class in each split; imported datasets can rename their classes here. */
export function ClassTable({ dataset, onShowClass, onRenamed }: ClassTableProps) {
  const t = useTranslations('data.view');
  const format = useFormatter();
  const editable = dataset.source === 'imported';
  const [names, setNames] = useState(dataset.classNames);
  const [errors, setErrors] = useState<DataError[]>([]);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const train = useMemo(() => classCounts(dataset.train, dataset.classNames.length), [dataset]);
  const test = useMemo(() => classCounts(dataset.test, dataset.classNames.length), [dataset]);
  const most = Math.max(1, ...train);
  const changed = names.some((n, i) => n !== dataset.classNames[i]);

  async function save() {
    setBusy(true);
    const result = await renameClasses(dataset.id, names);
    setBusy(false);
    if (result.ok) {
      setErrors([]);
      setSaved(true);
      onRenamed(result.summary);
    } else setErrors(result.errors);
  }

  return (
    <section aria-labelledby="classes-heading">
      <h3 id="classes-heading">{t('classesHeading')}</h3>
      <p className="muted">{editable ? t('renameHint') : t('builtinNames')}</p>
      <table className="class-table">
        <thead>
          <tr>
            <th>{t('classIndex')}</th>
            <th>{t('className')}</th>
            <th>{t('trainCount')}</th>
            {dataset.test ? <th>{t('testCount')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {dataset.classNames.map((name, i) => (
            <tr key={i}>
              <td className="index">{i}</td>
              <td>
                {editable ? (
                  <input
                    aria-label={t('classNameLabel', { index: i })}
                    value={names[i] ?? ''}
                    maxLength={80}
                    onChange={(e) => {
                      setSaved(false);
                      setNames((all) => all.map((n, j) => (j === i ? e.target.value : n)));
                    }}
                  />
                ) : (
                  name
                )}
              </td>
              <td>
                <button type="button" className="count-button" aria-label={t('showClass', { name, count: format.number(train[i] ?? 0) })} onClick={() => onShowClass(i)}>
                  <span className="count-value">{format.number(train[i] ?? 0)}</span>
                  <span className="count-bar" style={{ width: `${((train[i] ?? 0) / most) * 160}px` }} />
                </button>
              </td>
              {dataset.test ? <td>{format.number(test[i] ?? 0)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
      {editable ? (
        <div className="rename-actions">
          <button type="button" className="primary" disabled={!changed || busy} onClick={() => void save()}>
            {t('saveNames')}
          </button>
          <button
            type="button"
            disabled={!changed || busy}
            onClick={() => {
              setNames(dataset.classNames);
              setErrors([]);
            }}
          >
            {t('resetNames')}
          </button>
          {saved && !changed ? <span className="ok-text">{t('namesSaved')}</span> : null}
        </div>
      ) : null}
      <ErrorList errors={errors} />
    </section>
  );
}
