'use client';

import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useCallback, useEffect, useMemo, useState } from 'react';
import Link from 'next/link';
import { getRun, listRuns, loadRunWeights } from '@/lib/api/client';
import type { Run, RunSummary } from '@/lib/api/types';
import { trainingSessionFor } from '@/lib/train/page/session';
import type { WeightsPayload } from '@/lib/train/worker/weights';
import { IMPORTED_RUN_NAME } from '@/lib/modelio/importRun';
import { overlaidRuns } from './chartData';
import { RunsTable, TableToggle } from './ChartText';
import { formatDuration, formatPercent } from './format';
import { ModelDownloadMenu, type ModelSource } from './ModelDownloadMenu';
import { UPlotChart } from './UPlotChart';
import './train.css';

const palette = ['#2f6feb', '#e0661b', '#2e7d32', '#8e24aa', '#c62828', '#00838f', '#6d4c41', '#f9a825'];

/** Every run of this architecture, and the curves of the selected ones overlaid. */
export function RunsView({ architectureId, onOpenedInTrain }: { architectureId: string; /** Called once a run is loaded into the Train tab. */ onOpenedInTrain?: () => void }) {
  const t = useTranslations('train.runs');
  const format = useFormatter();
  const locale = useLocale();
  const [runs, setRuns] = useState<RunSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [details, setDetails] = useState<Record<string, Run>>({});

  const reload = useCallback(async () => {
    const result = await listRuns(architectureId);
    if (result.ok) {
      setRuns(result.data);
      setError(null);
    } else setError(result.error);
  }, [architectureId]);

  useEffect(() => {
    let live = true;
    listRuns(architectureId).then((result) => {
      if (!live) return;
      if (result.ok) setRuns(result.data);
      else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, [architectureId]);

  useEffect(() => {
    for (const id of selected) {
      if (details[id]) continue;
      void getRun(id).then((r) => {
        if (r.ok) setDetails((d) => ({ ...d, [id]: r.data }));
        else setError(r.error);
      });
    }
  }, [selected, details]);

  const shown = selected.map((id) => details[id]).filter((r): r is Run => !!r);
  const label = (r: RunSummary) => `${r.name ? `${r.name} · ` : ''}${format.dateTime(new Date(r.startedAt), { dateStyle: 'short', timeStyle: 'short' })} · ${r.dataset.name}`;
  const shownKey = shown.map((r) => r.id).join(',');
  const series = useMemo(
    () => shown.map((r, i) => ({ label: `${label(r)} · ${r.hyperparameters.optimizer} ${r.hyperparameters.learningRate} · ${r.hyperparameters.batchSize}`, color: palette[i % palette.length]!, points: true, width: 2 })),
    // The series change only when other runs are shown (the labels are derived from them).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [shownKey],
  );
  const accuracyData = useMemo(() => overlaidRuns(shown, (e) => e.valAccuracy ?? e.accuracy), [shown]);
  const lossData = useMemo(() => overlaidRuns(shown, (e) => e.valLoss ?? e.loss), [shown]);

  const [opening, setOpening] = useState<string | null>(null);
  /** Loads the run's model and weights into the Train tab, to evaluate, predict or train further. */
  const openInTrain = async (run: RunSummary) => {
    setOpening(run.id);
    setError(null);
    try {
      const { listDatasets } = await import('@/lib/data');
      const dataset = (await listDatasets()).find((d) => d.hash === run.dataset.hash);
      if (!dataset) {
        setError(t('datasetMissing', { name: run.dataset.name }));
        return;
      }
      const result = await trainingSessionFor(architectureId).loadRun(run.id, architectureId, dataset.id);
      if (result.ok) onOpenedInTrain?.();
      else setError(result.error);
    } finally {
      setOpening(null);
    }
  };

  /** A run's document and trained weights, for "Download model". */
  const runModel = async (runId: string): Promise<ModelSource> => {
    const [run, weights] = await Promise.all([getRun(runId), loadRunWeights(runId)]);
    if (!run.ok) return { ok: false, error: run.error };
    if (!weights.ok) return { ok: false, error: weights.status === 404 ? t('noWeights') : weights.error };
    return { ok: true, document: run.data.document, weights: { weightSpecs: weights.data.weightSpecs as WeightsPayload['weightSpecs'], weightData: weights.data.weightData } };
  };

  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));

  return (
    <div className="page train-runs">
      <h2>
        {t('title')}{' '}
        <button type="button" onClick={() => void reload()}>
          {t('refresh')}
        </button>
      </h2>
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
      {runs === null && !error ? <p className="muted">{t('loading')}</p> : null}
      {runs && runs.length === 0 ? <p className="muted">{t('none')}</p> : null}
      {runs && runs.length > 0 ? (
        <table className="data train-runs-table">
          <thead>
            <tr>
              <th scope="col">{t('compare')}</th>
              <th scope="col">{t('started')}</th>
              <th scope="col">{t('dataset')}</th>
              <th scope="col">{t('hyperparameters')}</th>
              <th scope="col">{t('backend')}</th>
              <th scope="col">{t('epochs')}</th>
              <th scope="col">{t('bestValAccuracy')}</th>
              <th scope="col">{t('testAccuracy')}</th>
              <th scope="col">{t('duration')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('actions')}</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id} data-status={r.status}>
                <td>
                  <input type="checkbox" aria-label={t('compareRun', { run: label(r) })} checked={selected.includes(r.id)} onChange={() => toggle(r.id)} />
                </td>
                <td>{format.dateTime(new Date(r.startedAt), { dateStyle: 'medium', timeStyle: 'short' })}</td>
                <td>
                  {r.name ? <strong className="train-run-name">{r.name === IMPORTED_RUN_NAME ? t('importedWeights') : r.name} · </strong> : null}
                  {r.dataset.name}
                  {r.hyperparameters.trainLimit ? <span className="muted"> · {t('subset', { count: r.hyperparameters.trainLimit })}</span> : null}
                </td>
                <td className="mono train-run-hp">
                  {t('hyperparameterSummary', {
                    optimizer: r.hyperparameters.optimizer,
                    learningRate: String(r.hyperparameters.learningRate),
                    batchSize: r.hyperparameters.batchSize,
                  })}
                </td>
                <td>{r.backend}</td>
                <td>
                  {r.epochsDone} / {r.epochsPlanned}
                </td>
                <td>{formatPercent(r.bestValAccuracy, locale)}</td>
                <td>{formatPercent(r.testAccuracy, locale)}</td>
                <td>{formatDuration(r.durationMs / 1000)}</td>
                <td>
                  <span className={`train-run-status train-run-${r.status}`}>{t(`statuses.${r.status}`)}</span>
                </td>
                <td className="train-run-actions">
                  {r.epochsDone > 0 || r.status === 'completed' ? (
                    <>
                      <button type="button" disabled={opening !== null} onClick={() => void openInTrain(r)} aria-label={t('openInTrainRun', { run: label(r) })}>
                        {opening === r.id ? t('opening') : t('openInTrain')}
                      </button>{' '}
                      <Link href={`/learn/perceive?run=${encodeURIComponent(r.id)}`}>{t('perceive')}</Link>{' '}
                      <ModelDownloadMenu load={() => runModel(r.id)} label={label(r)} />
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {shown.length > 0 ? (
        <div className="train-charts">
          <UPlotChart title={t('accuracyChart')} xLabel={t('epochAxis')} yLabel={t('accuracyAxis')} series={series} data={accuracyData} yRange={[0, 1]} integerX />
          <UPlotChart title={t('lossChart')} xLabel={t('epochAxis')} yLabel={t('lossAxis')} series={series} data={lossData} integerX />
        </div>
      ) : runs && runs.length > 0 ? (
        <p className="muted">{t('selectToCompare')}</p>
      ) : null}
      {shown.length > 0 ? (
        <TableToggle>
          <RunsTable caption={t('accuracyChart')} runs={shown.map((r, i) => ({ label: series[i]?.label ?? label(r), epochs: r.epochs }))} pick={(e) => e.valAccuracy ?? e.accuracy} percent />
          <RunsTable caption={t('lossChart')} runs={shown.map((r, i) => ({ label: series[i]?.label ?? label(r), epochs: r.epochs }))} pick={(e) => e.valLoss ?? e.loss} percent={false} />
        </TableToggle>
      ) : null}
    </div>
  );
}
