'use client';

import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import type { SessionState } from '@/lib/train/page/session';
import { alignedCurves } from './chartData';
import { EpochTable, TableToggle, TrainingSummary } from './ChartText';
import { UPlotChart, type ChartSeries } from './UPlotChart';

const colors = { batch: '#9db7ea', train: '#2f6feb', validation: '#e0661b' };

/** Loss and accuracy, training and validation overlaid: a widening gap is overfitting. */
export function TrainingCharts({ state }: { state: SessionState }) {
  const t = useTranslations('train.charts');
  const series: ChartSeries[] = useMemo(
    () => [
      { label: t('batchSmoothed'), color: colors.batch, width: 1 },
      { label: t('train'), color: colors.train, points: true, width: 2 },
      { label: t('validation'), color: colors.validation, points: true, width: 2, dash: [6, 3] },
    ],
    [t],
  );
  const loss = useMemo(() => alignedCurves(state.batches, state.epochs, 'loss'), [state.batches, state.epochs]);
  const accuracy = useMemo(() => alignedCurves(state.batches, state.epochs, 'accuracy'), [state.batches, state.epochs]);
  if (state.batches.length === 0 && state.epochs.length === 0) return null;
  return (
    <>
      <div className="train-charts">
        <UPlotChart title={t('loss')} xLabel={t('epochAxis')} yLabel={t('loss')} series={series} data={loss} testId="loss-chart" />
        <UPlotChart title={t('accuracy')} xLabel={t('epochAxis')} yLabel={t('accuracy')} series={series} data={accuracy} yRange={[0, 1]} testId="accuracy-chart" />
      </div>
      <TrainingSummary epochs={state.epochs} epochsPlanned={state.epochsPlanned} />
      {state.epochs.length ? (
        <TableToggle>
          <EpochTable epochs={state.epochs} />
        </TableToggle>
      ) : null}
    </>
  );
}
