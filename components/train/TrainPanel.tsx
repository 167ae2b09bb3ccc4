'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useMemo, useState } from 'react';
import { DatasetPicker } from '@/components/data/DatasetPicker';
import { useDatasets } from '@/components/data/useDatasets';
import type { ArchitectureDocument } from '@/lib/schema';
import { backendNames, type BackendChoice } from '@/lib/train/backendNames';
import { checkReadiness } from '@/lib/train/checks';
import { HYPERPARAMETER_LIMITS, optimizers, validateHyperparameters, type HyperparameterIssue, type OptimizerName } from '@/lib/train/page/hyperparameters';
import { BackendPicker } from './BackendPicker';
import { BatchNormNote } from './BatchNormNote';
import { EvaluationLimit } from './EvaluationLimit';
import { EvaluationView } from './EvaluationView';
import { defaultDraft, draftValues, HyperparameterForm, type HyperparameterDraft } from './HyperparameterForm';
import { PredictPanel } from './PredictPanel';
import { RunStatusLine } from './RunStatusLine';
import { TrainControls } from './TrainControls';
import { TrainingCharts } from './TrainingCharts';
import { TrainingProgress } from './TrainingProgress';
import { useReadinessText } from './useReadinessText';
import { useTrainingSession } from './useTrainingSession';
import './train.css';

export interface TrainPanelProps {
  document: ArchitectureDocument;
  architectureId: string | null;
  /** False on a shared page: training works, but runs are not kept without forking. */
  canSaveRuns: boolean;
  /** A shared page (runs need a fork) rather than an architecture not saved yet (runs need a save). */
  sharedPage?: boolean;
  /** Sets the last layer's units (offered when they differ from the dataset's classes). */
  onSetOutputUnits?: (units: number) => void;
  /** The batch size and optimizer as typed (when valid), for the editor's memory estimate. */
  onSettingsChange?: (settings: { batchSize: number; optimizer: OptimizerName }) => void;
}

const noIssues: HyperparameterIssue[] = [];
const noClasses: string[] = [];

function draftFrom(session: ReturnType<typeof useTrainingSession>['session']): HyperparameterDraft {
  const hp = session.lastStart?.hyperparameters;
  if (!hp) return defaultDraft;
  return {
    optimizer: hp.optimizer,
    learningRate: String(hp.learningRate),
    batchSize: String(hp.batchSize),
    epochs: String(hp.epochs),
    validationSplit: String(hp.validationSplit),
    shuffle: hp.shuffle,
    seed: String(hp.seed),
    trainLimit: hp.trainLimit === undefined ? '' : String(hp.trainLimit),
  };
}

export function TrainPanel({ document, architectureId, canSaveRuns, sharedPage = false, onSetOutputUnits, onSettingsChange }: TrainPanelProps) {
  const t = useTranslations('train');
  const readinessText = useReadinessText();
  const { session, state } = useTrainingSession(architectureId ?? 'unsaved');
  const { datasets } = useDatasets();
  const [datasetId, setDatasetId] = useState<string>(() => session.lastStart?.datasetId ?? 'fashion-mnist');
  const [backend, setBackend] = useState<BackendChoice>(() => session.lastStart?.backend ?? 'auto');
  const [draft, setDraft] = useState<HyperparameterDraft>(() => draftFrom(session));

  const dataset = datasets?.find((d) => d.id === datasetId) ?? null;
  const inputShape = useMemo(() => {
    const shape = document.nodes.find((n) => n.type === 'Input')?.params.shape;
    return shape?.length === 3 ? (shape as [number, number, number]) : undefined;
  }, [document]);
  useEffect(() => {
    const batchSize = Number(draft.batchSize);
    const { min, max } = HYPERPARAMETER_LIMITS.batchSize;
    const optimizer = optimizers.find((o) => o === draft.optimizer);
    if (onSettingsChange && optimizer && Number.isInteger(batchSize) && batchSize >= min && batchSize <= max) onSettingsChange({ batchSize, optimizer });
  }, [draft.batchSize, draft.optimizer, onSettingsChange]);
  const readiness = useMemo(() => (dataset ? checkReadiness(document, dataset) : []), [document, dataset]);
  const hyper = useMemo(() => validateHyperparameters(draftValues(draft), dataset?.trainCount), [draft, dataset]);
  const busy = session.busy;
  const canStart = !!dataset && readiness.length === 0 && hyper.ok;

  const start = () => {
    if (!hyper.ok || !dataset) return;
    session.start({
      document,
      datasetId: dataset.id,
      hyperparameters: hyper.value,
      backend,
      architectureId: canSaveRuns ? architectureId : null,
    });
  };

  const classNames = state.dataset?.classNames ?? dataset?.classNames ?? noClasses;
  const otherBackends = backendNames.filter((b) => b !== state.backend);

  return (
    <div className="train-panel">
      <div className="train-setup">
        <div className="train-setup-row">
          <DatasetPicker value={datasetId} onChange={setDatasetId} suggestedShape={inputShape} />
          <BackendPicker value={backend} disabled={busy} onChange={setBackend} />
        </div>
        {readiness.length > 0 ? (
          <ul className="train-readiness" aria-label={t('readiness.title')}>
            {readiness.map((issue) => (
              <li key={issue.code} className="error-text">
                {readinessText(issue)}{' '}
                {issue.code === 'outputUnitsMismatch' && onSetOutputUnits ? (
                  <button type="button" onClick={() => onSetOutputUnits(issue.fix.units)}>
                    {t('readiness.setUnits', { units: issue.fix.units })}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
        <HyperparameterForm draft={draft} issues={hyper.ok ? noIssues : hyper.issues} disabled={busy} onChange={setDraft} />
      </div>

      <div className="train-main">
        <RunStatusLine state={state} canSaveRuns={canSaveRuns} sharedPage={sharedPage} onMeasureAgain={busy ? undefined : () => session.forgetMeasurements()} onRetrySync={() => session.retrySync()} />
        <TrainControls state={state} session={session} canStart={canStart} onStart={start} />
        {state.phase === 'failed' && state.failure ? (
          <div className="train-failure" role="alert">
            <p>
              <strong>{t(`failure.${state.failure.kind}`)}</strong>{' '}
              {state.failure.diverged
                ? t(state.failure.diverged.batch > 0 ? 'failure.divergedAt' : 'failure.divergedInValidation', {
                    value: String(state.failure.diverged.value),
                    epoch: state.failure.diverged.epoch + 1,
                    batch: state.failure.diverged.batch,
                    learningRate: String(state.failure.diverged.learningRate),
                  })
                : state.failure.error}
            </p>
            {session.canContinueElsewhere ? (
              <p>
                {t('failure.continueOn')}{' '}
                {otherBackends.map((b) => (
                  <button key={b} type="button" onClick={() => session.continueOn(b)}>
                    {t(`backend.names.${b}`)}
                  </button>
                ))}
              </p>
            ) : null}
          </div>
        ) : null}
        {state.epochsPlanned > 0 ? <TrainingProgress state={state} /> : null}
        <TrainingCharts state={state} />
        <BatchNormNote state={state} document={session.lastStart?.document ?? document} />

        {state.hasModel || state.evaluation ? (
          <section className="train-section">
            <h2>{t('evaluation.title')}</h2>
            <div className="train-eval-controls">
              <button type="button" disabled={state.evaluating || !state.hasModel || busy} onClick={() => void session.evaluate()}>
                {state.evaluating ? t('evaluation.running') : t('evaluation.run')}
              </button>
              <EvaluationLimit session={session} />
            </div>
            {state.evaluationError ? <p className="error-text">{state.evaluationError}</p> : null}
            {state.evaluation ? <EvaluationView evaluation={state.evaluation} classNames={classNames} session={session} /> : null}
          </section>
        ) : null}
        {state.hasModel && state.dataset && !busy ? (
          <section className="train-section">
            <h2>{t('predict.title')}</h2>
            <PredictPanel session={session} shape={state.dataset.shape} classNames={classNames} />
          </section>
        ) : null}
      </div>
    </div>
  );
}
