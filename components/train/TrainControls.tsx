'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import type { SessionState, TrainingSession } from '@/lib/train/page/session';

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
  const group = useRef<HTMLDivElement>(null);
  const start = useRef<HTMLButtonElement>(null);
  const stop = useRef<HTMLButtonElement>(null);
  const pauseResume = useRef<HTMLButtonElement>(null);
  const pauseHadFocus = useRef(false);
  // Start is disabled once pressed, and Stop once the run ends: a keyboard user's focus
  // would fall to the page. It moves to the control that is live now instead.
  const hadFocus = useRef(false);
  useEffect(() => {
    const active = document.activeElement;
    const lost = !active || active === document.body || (group.current?.contains(active) && (active as HTMLButtonElement).disabled);
    if (!hadFocus.current || !lost) return;
    const preferred = pauseHadFocus.current && state.phase !== 'stopping' && busy ? pauseResume.current : busy ? stop.current : start.current;
    const next = [preferred, ...Array.from(group.current?.querySelectorAll<HTMLElement>('button, input') ?? [])].find(
      (el): el is HTMLElement => !!el && !(el as HTMLButtonElement).disabled,
    );
    next?.focus();
  }, [busy, state.phase, state.hasModel]);
  return (
    <div
      className="train-controls"
      role="group"
      aria-label={t('label')}
      ref={group}
      onFocus={(e) => {
        hadFocus.current = true;
        pauseHadFocus.current = (e.target as EventTarget) === pauseResume.current;
      }}
      onBlur={(e) => {
        // Focus moved on by the user (not lost to the page): nothing to restore.
        if (e.relatedTarget && !group.current?.contains(e.relatedTarget)) hadFocus.current = false;
      }}
    >
      <button type="button" className="primary" disabled={busy || !canStart} onClick={onStart} ref={start}>
        {t('start')}
      </button>
      {state.phase === 'paused' ? (
        <button type="button" onClick={() => session.resume()} ref={pauseResume}>
          {t('resume')}
        </button>
      ) : (
        <button type="button" disabled={state.phase !== 'training'} onClick={() => session.pause()} ref={pauseResume}>
          {t('pause')}
        </button>
      )}
      <button type="button" disabled={!(state.phase === 'training' || state.phase === 'paused' || state.phase === 'loading')} onClick={() => session.stop()} ref={stop}>
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
