'use client';

import { useLocale, useTranslations } from 'next-intl';
import { memo, useState } from 'react';
import type { Evaluation } from '@/lib/train/worker/evaluate';
import type { TrainingSession } from '@/lib/train/page/session';
import { ExampleImage } from './ExampleImage';
import { formatPercent } from './format';

interface Props {
  evaluation: Evaluation;
  classNames: readonly string[];
  session: TrainingSession;
}

interface OpenCell {
  actual: number;
  predicted: number;
  images: Uint8Array | null;
  shape: [number, number, number] | null;
  error: string | null;
}

/** Test accuracy, the confusion matrix (cells open their misclassified images) and accuracy per class. */
function EvaluationViewInner({ evaluation, classNames, session }: Props) {
  const t = useTranslations('train.evaluation');
  const locale = useLocale();
  const [open, setOpen] = useState<OpenCell | null>(null);
  const max = Math.max(1, ...evaluation.confusion.flat());
  const name = (i: number) => classNames[i] ?? String(i);

  const openCell = async (actual: number, predicted: number) => {
    const indices = evaluation.examples[actual]?.[predicted] ?? [];
    setOpen({ actual, predicted, images: null, shape: null, error: null });
    try {
      const ex = await session.examples(evaluation.split, indices);
      setOpen({ actual, predicted, images: ex.images, shape: ex.shape, error: null });
    } catch (e) {
      setOpen({ actual, predicted, images: null, shape: null, error: e instanceof Error ? e.message : String(e) });
    }
  };

  return (
    <section className="train-evaluation" aria-label={t('title')}>
      <p className="train-test-accuracy">
        <strong data-testid="test-accuracy">
          {t(evaluation.split === 'test' ? 'testAccuracy' : 'validationAccuracy', { value: formatPercent(evaluation.accuracy, locale), count: evaluation.count })}
          {evaluation.count < evaluation.available ? ` ${t('partial', { count: evaluation.count, available: evaluation.available })}` : null}
        </strong>
      </p>
      <div className="train-eval-grid">
        <div>
          <h3>{t('confusion')}</h3>
          <p className="muted">{t('confusionHelp')}</p>
          <table className="train-confusion">
            <thead>
              <tr>
                <th scope="col">{t('actualPredicted')}</th>
                {classNames.map((c, j) => (
                  <th key={j} scope="col" title={c}>
                    <span className="train-confusion-head">{c}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {evaluation.confusion.map((row, i) => (
                <tr key={i}>
                  <th scope="row">{name(i)}</th>
                  {row.map((count, j) => {
                    const strength = count / max;
                    const style = { background: i === j ? `rgba(46,125,50,${0.12 + 0.6 * strength})` : count ? `rgba(198,40,40,${0.1 + 0.7 * strength})` : undefined };
                    const label = t('cellLabel', { actual: name(i), predicted: name(j), count });
                    return (
                      <td key={j} style={style} className={i === j ? 'train-cell-correct' : undefined}>
                        {i !== j && count > 0 ? (
                          <button type="button" className="train-cell" aria-label={label} title={label} onClick={() => void openCell(i, j)}>
                            {count}
                          </button>
                        ) : (
                          <span title={label}>{count}</span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div>
          <h3>{t('perClass')}</h3>
          <table className="data train-per-class">
            <thead>
              <tr>
                <th scope="col">{t('class')}</th>
                <th scope="col">{t('accuracy')}</th>
                <th scope="col">{t('correctOfTotal')}</th>
              </tr>
            </thead>
            <tbody>
              {evaluation.perClass.map((c, i) => (
                <tr key={i}>
                  <td>{name(i)}</td>
                  <td>{formatPercent(c.total ? c.correct / c.total : null, locale)}</td>
                  <td>
                    {c.correct} / {c.total}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      {open ? (
        <div className="train-examples" role="region" aria-label={t('examplesTitle', { actual: name(open.actual), predicted: name(open.predicted) })}>
          <h4>
            {t('examplesTitle', { actual: name(open.actual), predicted: name(open.predicted) })}{' '}
            <button type="button" onClick={() => setOpen(null)}>
              {t('close')}
            </button>
          </h4>
          {open.error ? <p className="error-text">{open.error}</p> : null}
          {!open.images && !open.error ? <p className="muted">{t('loadingExamples')}</p> : null}
          {open.images && open.shape ? (
            <ul className="train-example-list">
              {Array.from({ length: open.images.length / (open.shape[0] * open.shape[1] * open.shape[2]) }, (_, k) => {
                const size = open.shape![0] * open.shape![1] * open.shape![2];
                return (
                  <li key={k}>
                    <ExampleImage
                      pixels={open.images!.subarray(k * size, (k + 1) * size)}
                      shape={open.shape!}
                      alt={t('exampleAlt', { actual: name(open.actual), predicted: name(open.predicted) })}
                    />
                  </li>
                );
              })}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

/** Memoised: the panel re-renders about ten times a second while training; this part only when its props change. */
export const EvaluationView = memo(EvaluationViewInner);
