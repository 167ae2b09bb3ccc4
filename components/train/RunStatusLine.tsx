'use client';

import { useTranslations } from 'next-intl';
import { useEffect } from 'react';
import type { SessionState } from '@/lib/train/page/session';
import { BackendMeasurements } from './BackendMeasurements';

/** The backend actually used (and why another was skipped) plus what is being saved. */
export function RunStatusLine({
  state,
  canSaveRuns,
  sharedPage,
  onMeasureAgain,
  onRetrySync,
}: {
  state: SessionState;
  canSaveRuns: boolean;
  sharedPage: boolean;
  onMeasureAgain?: () => void;
  onRetrySync?: () => void;
}) {
  const t = useTranslations('train.status');
  const kb = Math.max(1, Math.round(state.weights.bytes / 1024));
  return (
    <div className="train-status-line">
      <p role="status" aria-live="polite" className="train-backend-used">
        {state.backend ? t('backend', { backend: state.backend }) : t('noBackend')}
        {state.backend === 'wasm' && state.threads !== null ? <span className="muted"> · {t('threads', { count: state.threads })}</span> : null}
        {state.phase === 'loading' && state.loading ? (
          <span className="muted">
            {' · '}
            {t(`loading.${state.loading.stage}`, { percent: state.loading.progress === null ? 0 : Math.round(state.loading.progress * 100) })}
          </span>
        ) : null}
        {state.phase === 'paused' ? <span> · {t('paused')}</span> : null}
        {state.phase === 'stopping' ? <span> · {t('stopping')}</span> : null}
        {state.phase === 'finished' && state.outcome ? <span> · {t(state.outcome)}</span> : null}
      </p>
      {state.measurements.length > 0 ? <BackendMeasurements measurements={state.measurements} chosen={state.backend} measuredAt={state.measuredAt} onMeasureAgain={onMeasureAgain} /> : null}
      {state.backendNotes.length > 0 ? <p className="muted train-backend-notes">{t('skipped', { notes: state.backendNotes.join('; ') })}</p> : null}
      {canSaveRuns ? (
        <p className="muted">
          {state.runId ? t('runSaved') : null}
          {state.weights.state === 'saving' ? ` · ${t('weightsSaving')}` : null}
          {state.weights.state === 'saved' ? ` · ${t('weightsSaved', { kb })}` : null}
          {state.weights.state === 'tooLarge' ? ` · ${t('weightsTooLarge', { kb })}` : null}
          {state.weights.state === 'failed' ? ` · ${t('weightsFailed', { error: state.weights.error ?? '' })}` : null}
        </p>
      ) : (
        <p className="train-not-kept">{t(sharedPage ? 'notKept' : 'notKeptUnsaved')}</p>
      )}
      {canSaveRuns && state.sync.error !== null ? <RunSyncLine sync={state.sync} onRetry={onRetrySync} /> : null}
      {state.recordErrors.length > 0 ? (
        <p className="error-text" role="alert">
          {t('recordFailed', { error: state.recordErrors.at(-1) ?? '' })}
        </p>
      ) : null}
    </div>
  );
}

/** What of the run the server has not got yet, while writes are being retried. */
function RunSyncLine({ sync, onRetry }: { sync: SessionState['sync']; onRetry?: () => void }) {
  const t = useTranslations('train.status');
  const others = sync.writesWaiting - sync.epochsWaiting;
  // The queue lives in this page: closing it now would lose what waits, so the browser asks first.
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);
  return (
    <p className="train-sync-waiting" role="status" data-testid="run-sync">
      {sync.epochsWaiting > 0 ? t('epochsWaiting', { count: sync.epochsWaiting }) : t('writesWaiting', { count: others })}
      {' · '}
      {t('syncRetrying', { error: sync.error ?? '' })}{' '}
      {onRetry ? (
        <button type="button" onClick={onRetry}>
          {t('syncRetryNow')}
        </button>
      ) : null}
    </p>
  );
}
