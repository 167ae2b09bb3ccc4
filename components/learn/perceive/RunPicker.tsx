'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useId, useState } from 'react';
import type { ModelChoice } from './useRunModel';

interface RunOption {
  runId: string;
  label: string;
}
interface RunGroup {
  architecture: string;
  runs: RunOption[];
}

type Listing = { status: 'loading' } | { status: 'ready'; groups: RunGroup[] } | { status: 'failed'; error: string };

export const UNTRAINED = 'untrained';

/** The user's runs, grouped by architecture, newest first; plus the untrained course CNN. */
export function RunPicker({ choice, onChoose }: { choice: ModelChoice | null; onChoose: (choice: ModelChoice) => void }) {
  const t = useTranslations('learn.perceive');
  const format = useFormatter();
  const id = useId();
  const [listing, setListing] = useState<Listing>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    (async () => {
      const { listArchitectures, listRuns } = await import('@/lib/api/client');
      const architectures = await listArchitectures();
      if (!architectures.ok) throw new Error(architectures.error);
      const withRuns = architectures.data.filter((a) => a.runCount > 0);
      const groups = await Promise.all(
        withRuns.map(async (a): Promise<RunGroup> => {
          const runs = await listRuns(a.id);
          const list = runs.ok ? [...runs.data].sort((x, y) => y.startedAt.localeCompare(x.startedAt)) : [];
          return {
            architecture: a.name,
            runs: list.map((r) => ({
              runId: r.id,
              label: t('runOption', {
                date: format.dateTime(new Date(r.startedAt), { dateStyle: 'medium', timeStyle: 'short' }),
                dataset: r.dataset.name,
                status: r.status,
                accuracy: r.bestValAccuracy === null ? '—' : format.number(r.bestValAccuracy, { style: 'percent', maximumFractionDigits: 1 }),
              }),
            })),
          };
        }),
      );
      if (live) setListing({ status: 'ready', groups: groups.filter((g) => g.runs.length > 0) });
    })().catch((e: unknown) => live && setListing({ status: 'failed', error: e instanceof Error ? e.message : String(e) }));
    return () => {
      live = false;
    };
  }, [t, format]);

  const value = choice === null ? '' : choice.kind === 'untrained' ? UNTRAINED : choice.runId;
  const known = listing.status === 'ready' && listing.groups.some((g) => g.runs.some((r) => r.runId === value));
  return (
    <div className="run-picker">
      <span className="inline-field">
        <label htmlFor={id}>{t('network')}</label>
        <select
          id={id}
          value={value}
          onChange={(e) => onChoose(e.target.value === UNTRAINED ? { kind: 'untrained' } : { kind: 'run', runId: e.target.value })}
        >
          <option value="" disabled>
            {t('choose')}
          </option>
          {listing.status === 'ready'
            ? listing.groups.map((g) => (
                <optgroup key={g.architecture + g.runs[0]?.runId} label={g.architecture}>
                  {g.runs.map((r) => (
                    <option key={r.runId} value={r.runId}>
                      {r.label}
                    </option>
                  ))}
                </optgroup>
              ))
            : null}
          {choice?.kind === 'run' && !known ? <option value={choice.runId}>{t('runById', { id: choice.runId })}</option> : null}
          <optgroup label={t('withoutTraining')}>
            <option value={UNTRAINED}>{t('untrainedOption')}</option>
          </optgroup>
        </select>
      </span>
      {listing.status === 'loading' ? <span className="muted">{t('loadingRuns')}</span> : null}
      {listing.status === 'failed' ? (
        <span className="error-text" role="alert">
          {t('runsFailed', { error: listing.error })}
        </span>
      ) : null}
      {listing.status === 'ready' && listing.groups.length === 0 ? <span className="muted">{t('noRuns')}</span> : null}
    </div>
  );
}
