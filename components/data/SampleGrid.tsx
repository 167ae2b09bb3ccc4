'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Dataset, ImageSplit } from '@/lib/data';
import { pickSamples, toRgba } from './samples';

const perPage = 48;

function SampleCanvas({ split, shape, index, label }: { split: ImageSplit; shape: Dataset['shape']; index: number; label: string }) {
  const t = useTranslations('data.view');
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    context.putImageData(new ImageData(toRgba(split, shape, index), shape[1], shape[0]), 0, 0);
  }, [split, shape, index]);
  return (
    <figure className="sample">
      <canvas ref={ref} width={shape[1]} height={shape[0]} role="img" aria-label={t('sampleLabel', { index: index + 1, label })} />
      <figcaption title={label}>{label}</figcaption>
    </figure>
  );
}

export interface SampleGridProps {
  dataset: Dataset;
  classIndex: number | null;
  onClassChange(classIndex: number | null): void;
}

/** A page of images from the training or test split, each with its class name. */
export function SampleGrid({ dataset, classIndex, onClassChange }: SampleGridProps) {
  const t = useTranslations('data.view');
  const format = useFormatter();
  const [which, setWhich] = useState<'train' | 'test'>('train');
  const [page, setPage] = useState(0);
  const split = which === 'test' && dataset.test ? dataset.test : dataset.train;
  const { indices, total } = useMemo(() => pickSamples(split, classIndex, perPage, page), [split, classIndex, page]);
  return (
    <section aria-labelledby="samples-heading">
      <h3 id="samples-heading">{t('samplesHeading')}</h3>
      <div className="sample-controls">
        {dataset.test ? (
          <span className="segmented" role="group" aria-label={t('split')}>
            {(['train', 'test'] as const).map((s) => (
              <button key={s} type="button" aria-pressed={which === s} onClick={() => setWhich(s)}>
                {t(s)}
              </button>
            ))}
          </span>
        ) : null}
        <label>
          {t('classFilter')}
          <select value={classIndex ?? ''} onChange={(e) => onClassChange(e.target.value === '' ? null : Number(e.target.value))}>
            <option value="">{t('allClasses')}</option>
            {dataset.classNames.map((name, i) => (
              <option key={i} value={i}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => setPage((p) => p + 1)} disabled={total <= perPage}>
          {t('otherSamples')}
        </button>
        <span className="muted">{t('showingOf', { shown: format.number(indices.length), total: format.number(total) })}</span>
      </div>
      {indices.length === 0 ? (
        <p className="muted">{t('noSamples')}</p>
      ) : (
        <ul className="sample-grid" data-testid="sample-grid">
          {indices.map((index) => (
            <li key={`${which}-${index}`}>
              <SampleCanvas split={split} shape={dataset.shape} index={index} label={dataset.classNames[split.labels[index] ?? 0] ?? ''} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
