'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import type { SaveStatus } from './documentSync';
import type { LeavePrompt } from './useLeaveGuard';
import type { useLocalDraft } from './useLocalDraft';

/** Asked before leaving the editor when the work could not be saved first. */
export function LeaveDialog({ prompt, status }: { prompt: LeavePrompt; status: SaveStatus }) {
  const t = useTranslations('editor.leave');
  const body =
    status.kind === 'failed'
      ? t('bodyFailed', { error: status.error })
      : status.kind === 'conflict'
        ? t('bodyConflict')
        : t('bodyUnsaved');
  return (
    <div
      className="dialog leave-dialog"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="leave-title"
      aria-describedby="leave-body"
      onKeyDown={(e) => {
        if (e.key === 'Escape') prompt.stay();
      }}
    >
      <p id="leave-title">
        <strong>{t('title')}</strong>
      </p>
      <p id="leave-body">{body}</p>
      <button type="button" className="primary" autoFocus onClick={prompt.stay}>
        {t('stay')}
      </button>{' '}
      <button type="button" onClick={prompt.leave}>
        {t('leave')}
      </button>
    </div>
  );
}

/** A draft kept in this browser from an earlier visit, offered back. */
export function DraftBanner({ drafts, copyName }: { drafts: ReturnType<typeof useLocalDraft>; copyName: (name: string) => string }) {
  const t = useTranslations('editor.draft');
  const format = useFormatter();
  const router = useRouter();
  const prompt = drafts.prompt;
  if (!prompt) return null;
  const values = {
    name: prompt.draft.document.name,
    time: format.dateTime(new Date(prompt.draft.savedAt), { dateStyle: 'medium', timeStyle: 'short' }),
    version: prompt.serverVersion ?? 0,
  };
  return (
    <div className="draft-banner" role="region" aria-labelledby="draft-title">
      <p id="draft-title">{prompt.kind === 'restore' ? t('restoreBody', values) : t('staleBody', values)}</p>
      {prompt.kind === 'restore' ? (
        <button type="button" className="primary" onClick={drafts.restore}>
          {t('restore')}
        </button>
      ) : (
        <button
          type="button"
          className="primary"
          onClick={async () => {
            const id = await drafts.saveAsCopy(copyName(prompt.draft.document.name).slice(0, 100));
            if (id) router.push(`/a/${id}`);
          }}
        >
          {t('saveCopy')}
        </button>
      )}{' '}
      <button type="button" onClick={drafts.discard}>
        {t('discard')}
      </button>
      {prompt.error ? (
        <p className="error-text" role="alert">
          {t('copyFailed', { error: prompt.error })}
        </p>
      ) : null}
    </div>
  );
}
