'use client';

import { useFormatter, useTranslations } from 'next-intl';
import type { SessionState } from '@/lib/train/page/session';
import { formatDuration } from './format';

/** Fraction of the planned epochs done, counting the batches of the current one. */
export function progressFraction(state: SessionState): number {
  if (state.epochsPlanned <= 0) return 0;
  const p = state.progress;
  const inEpoch = p && p.epoch === state.epochsDone && p.batches > 0 ? p.batch / p.batches : 0;
  return Math.min(1, (state.epochsDone + inEpoch) / state.epochsPlanned);
}

/** Seconds left at the current speed: the rest of this epoch plus the epochs still planned. */
export function etaSeconds(state: SessionState): number | null {
  const p = state.progress;
  const batchSize = state.hyperparameters?.batchSize;
  if (!p || !batchSize || p.samplesPerSec <= 0) return null;
  const restOfEpoch = p.epoch === state.epochsDone ? Math.max(0, state.trainImages - p.batch * batchSize) : state.trainImages;
  const laterEpochs = Math.max(0, state.epochsPlanned - state.epochsDone - 1) * state.trainImages;
  return (restOfEpoch + laterEpochs) / p.samplesPerSec;
}

export function TrainingProgress({ state }: { state: SessionState }) {
  const t = useTranslations('train.progress');
  const format = useFormatter();
  const fraction = progressFraction(state);
  const p = state.progress;
  const eta = etaSeconds(state);
  const running = state.phase === 'training' || state.phase === 'paused' || state.phase === 'stopping';
  const epochShown = Math.min(state.epochsPlanned, p && p.epoch >= state.epochsDone ? p.epoch + 1 : state.epochsDone + (running ? 1 : 0));

  return (
    <div className="train-progress">
      <div
        className="train-progressbar"
        role="progressbar"
        aria-label={t('label')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(fraction * 1000) / 10}
        aria-valuetext={t('valueText', { epoch: epochShown, epochs: state.epochsPlanned, batch: p?.batch ?? 0, batches: p?.batches ?? 0 })}
      >
        <div className="train-progressbar-fill" style={{ width: `${fraction * 100}%` }} />
      </div>
      <div className="train-progress-line">
        <span>{t('epoch', { epoch: epochShown, epochs: state.epochsPlanned })}</span>
        {p ? <span>{t('batch', { batch: p.batch, batches: p.batches })}</span> : null}
        {p && p.samplesPerSec > 0 ? <span>{t('speed', { value: format.number(p.samplesPerSec, { maximumFractionDigits: p.samplesPerSec < 10 ? 1 : 0 }) })}</span> : null}
        {running && eta !== null ? <span>{t('eta', { time: formatDuration(eta) })}</span> : null}
        {state.validating ? <span>{t('validating')}</span> : null}
      </div>
    </div>
  );
}
