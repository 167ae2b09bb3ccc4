'use client';

import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useId, useState, type ReactNode } from 'react';
import type { EpochMetrics } from '@/lib/train/metrics';
import { bestEpoch } from './chartData';
import { formatPercent as formatPercentIn } from './format';

function usePercentFormat() {
  const locale = useLocale();
  return (fraction: number | null | undefined) => formatPercentIn(fraction, locale);
}

function useLossFormat() {
  const format = useFormatter();
  return (value: number | null) => (value === null || !Number.isFinite(value) ? '–' : format.number(value, { maximumFractionDigits: 3 }));
}

/**
 * The curves in words for a screen reader: the latest epoch's values and the best
 * epoch, in a polite live region that changes once per epoch (not per batch).
 */
export function TrainingSummary({ epochs, epochsPlanned }: { epochs: readonly EpochMetrics[]; epochsPlanned: number }) {
  const t = useTranslations('train.charts');
  const loss = useLossFormat();
  const formatPercent = usePercentFormat();
  const latest = epochs.length ? epochs.reduce((a, b) => (b.epoch > a.epoch ? b : a)) : null;
  const best = bestEpoch(epochs);
  return (
    <p className="train-chart-summary" role="status" aria-live="polite" data-testid="chart-summary">
      {latest ? (
        <>
          {t('summaryLatest', { epoch: latest.epoch + 1, epochs: Math.max(epochsPlanned, latest.epoch + 1), loss: loss(latest.loss), accuracy: formatPercent(latest.accuracy) })}
          {latest.valLoss !== null ? ` ${t('summaryValidation', { loss: loss(latest.valLoss), accuracy: formatPercent(latest.valAccuracy) })}` : null}
          {best ? ` ${t(best.split === 'validation' ? 'summaryBestValidation' : 'summaryBestTraining', { accuracy: formatPercent(best.accuracy), epoch: best.epoch + 1 })}` : null}
        </>
      ) : (
        t('summaryNone')
      )}
    </p>
  );
}

/** A button that shows or hides a chart's values as a table (the table a screen reader can walk). */
export function TableToggle({ children }: { children: ReactNode }) {
  const t = useTranslations('train.charts');
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div className="chart-table-toggle">
      <button type="button" aria-expanded={open} aria-controls={id} onClick={() => setOpen((o) => !o)}>
        {open ? t('hideTable') : t('showTable')}
      </button>
      <div id={id} hidden={!open}>
        {open ? children : null}
      </div>
    </div>
  );
}

/** Loss and accuracy per epoch, training and validation. */
export function EpochTable({ epochs }: { epochs: readonly EpochMetrics[] }) {
  const t = useTranslations('train.charts');
  const loss = useLossFormat();
  const formatPercent = usePercentFormat();
  return (
    <table className="data chart-table">
      <caption>{t('tableCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('epochAxis')}</th>
          <th scope="col">{t('trainLoss')}</th>
          <th scope="col">{t('trainAccuracy')}</th>
          <th scope="col">{t('valLoss')}</th>
          <th scope="col">{t('valAccuracy')}</th>
        </tr>
      </thead>
      <tbody>
        {epochs.map((e) => (
          <tr key={e.epoch}>
            <th scope="row">{e.epoch + 1}</th>
            <td>{loss(e.loss)}</td>
            <td>{formatPercent(e.accuracy)}</td>
            <td>{loss(e.valLoss)}</td>
            <td>{formatPercent(e.valAccuracy)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Several runs' values per epoch, one column per run: the overlaid chart as a table. */
export function RunsTable({ caption, runs, pick, percent }: { caption: string; runs: ReadonlyArray<{ label: string; epochs: readonly EpochMetrics[] }>; pick: (e: EpochMetrics) => number | null; percent: boolean }) {
  const t = useTranslations('train.charts');
  const loss = useLossFormat();
  const formatPercent = usePercentFormat();
  const xs = [...new Set(runs.flatMap((r) => r.epochs.map((e) => e.epoch)))].sort((a, b) => a - b);
  const show = (v: number | null) => (percent ? formatPercent(v) : loss(v));
  return (
    <table className="data chart-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('epochAxis')}</th>
          {runs.map((r, i) => (
            <th scope="col" key={i}>
              {r.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {xs.map((x) => (
          <tr key={x}>
            <th scope="row">{x + 1}</th>
            {runs.map((r, i) => {
              const e = r.epochs.find((m) => m.epoch === x);
              return <td key={i}>{e ? show(pick(e)) : '–'}</td>;
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
