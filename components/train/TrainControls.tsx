'use client';

import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import type { SessionState, TrainingSession } from '@/lib/train/session';

interface Props {
  state: SessionState;
  session: TrainingSession;
  canStart: boolean;
  onStart(): void;
}

/** Start / Pause / Resume / Stop and "Train N more epochs" on the same model. */
export function TrainControls({ state, session, canStart, onStart }: Props) {
  const t = useTranslations('train.controls');
  const id = useId();
  const [more, setMore] = useState('1');
  const moreEpochs = Number(more);
  const moreValid = Number.isInteger(moreEpochs) && moreEpochs >= 1 && moreEpochs <= 1000;
  const running = state.phase === 'training' || state.phase === 'paused' || state.phase === 'stopping';
  const busy = running || state.phase === 'loading';
  return (
    <div className="train-controls" role="group" aria-label={t('label')}>
      <button type="button" className="primary" disabled={busy || !canStart} onClick={onStart}>
        {t('start')}
      </button>
      {state.phase === 'paused' ? (
        <button type="button" onClick={() => session.resume()}>
          {t('resume')}
        </button>
      ) : (
        <button type="button" disabled={state.phase !== 'training'} onClick={() => session.pause()}>
          {t('pause')}
        </button>
      )}
      <button type="button" disabled={!(state.phase === 'training' || state.phase === 'paused' || state.phase === 'loading')} onClick={() => session.stop()}>
        {t('stop')}
      </button>
      {/* Continuing needs a model: trained, stopped, or loaded from a saved run. */}
      {state.hasModel ? (
        <span className="train-more">
          <label htmlFor={id} className="visually-hidden">
            {t('moreEpochsLabel')}
          </label>
          <input id={id} type="number" min={1} max={1000} step={1} value={more} aria-invalid={moreValid ? undefined : true} onChange={(e) => setMore(e.target.value)} />
          <button type="button" disabled={busy || !state.hasModel || !moreValid} onClick={() => session.trainMore(moreEpochs)}>
            {t('trainMore', { count: moreValid ? moreEpochs : 0 })}
          </button>
        </span>
      ) : null}
    </div>
  );
}
