'use client';

import { useFormatter, useTranslations } from 'next-intl';
import Link from 'next/link';
import { useCallback, useEffect, useRef, useState } from 'react';
import { createArchitecture, deleteArchitecture, getArchitecture, listArchitecturePage, updateArchitecture } from '@/lib/api/client';
import type { ArchitectureSummary } from '@/lib/api/types';

export interface ArchitectureListItem {
  id: string;
  name: string;
  paramCount: number | null;
  /** Errors in the graph; absent from servers that do not send it. */
  errorCount?: number;
  updatedAt: string;
  bestValAccuracy: number | null;
}

function itemOf(a: ArchitectureSummary): ArchitectureListItem {
  return { id: a.id, name: a.name, paramCount: a.paramCount, errorCount: a.errorCount, updatedAt: a.updatedAt, bestValAccuracy: a.bestValAccuracy };
}

/**
 * The owner's architectures, a page at a time: open, rename, duplicate, delete
 * (with confirmation). More load with the "Load more" button, which also
 * presses itself when scrolled into view.
 */
export function ArchitectureList({ items: firstPage, nextCursor: firstCursor }: { items: ArchitectureListItem[]; nextCursor: string | null }) {
  const t = useTranslations('editor.mine');
  const format = useFormatter();
  const [items, setItems] = useState(firstPage);
  const [cursor, setCursor] = useState(firstCursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const loadingRef = useRef(false);
  const loadMoreRef = useRef<HTMLButtonElement>(null);

  const loadMore = useCallback(async () => {
    if (loadingRef.current || cursor === null) return;
    loadingRef.current = true;
    setLoading(true);
    const page = await listArchitecturePage({ cursor });
    if (page.ok) {
      // A row that moved up since the last page (renamed elsewhere) is shown once.
      setItems((shown) => [...shown, ...page.data.architectures.map(itemOf).filter((a) => !shown.some((s) => s.id === a.id))]);
      setCursor(page.data.nextCursor);
    } else {
      setError(page.error);
    }
    loadingRef.current = false;
    setLoading(false);
  }, [cursor]);

  // Scrolling the button into view loads the next page, as pressing it does.
  useEffect(() => {
    const button = loadMoreRef.current;
    if (!button || cursor === null || error !== null || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) void loadMore();
    });
    observer.observe(button);
    return () => observer.disconnect();
  }, [cursor, error, loadMore]);

  /** After an edit: the list again from the top, as far as it was shown (order follows modification time). */
  async function reload(count: number): Promise<string | null> {
    const fresh: ArchitectureListItem[] = [];
    let next: string | null = null;
    do {
      const page = await listArchitecturePage({ cursor: next });
      if (!page.ok) return page.error;
      fresh.push(...page.data.architectures.map(itemOf));
      next = page.data.nextCursor;
    } while (next !== null && fresh.length < count);
    setItems(fresh);
    setCursor(next);
    return null;
  }

  async function run(id: string, action: () => Promise<string | null>) {
    setBusy(id);
    const failed = await action();
    setError(failed ?? (await reload(Math.max(items.length, 1))));
    setBusy(null);
  }

  if (items.length === 0) {
    return (
      <p>
        {t('empty')} <Link href="/new">→</Link>
      </p>
    );
  }
  return (
    <>
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
      <table className="data">
        <thead>
          <tr>
            <th>{t('name')}</th>
            <th>{t('params')}</th>
            <th>{t('modified')}</th>
            <th>{t('bestAccuracy')}</th>
            <th>{t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr key={a.id}>
              <td>
                <Link href={`/a/${a.id}`}>{a.name}</Link>
              </td>
              <td className="mono">
                {a.paramCount !== null ? format.number(a.paramCount) : a.errorCount ? t('errors', { count: a.errorCount }) : '—'}
              </td>
              <td>{format.dateTime(new Date(a.updatedAt), { dateStyle: 'medium', timeStyle: 'short' })}</td>
              <td className="mono">{a.bestValAccuracy === null ? '—' : format.number(a.bestValAccuracy, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 })}</td>
              <td className="row-actions">
                <button
                  type="button"
                  disabled={busy === a.id}
                  onClick={() => {
                    const name = window.prompt(t('renamePrompt'), a.name)?.trim();
                    if (!name || name === a.name) return;
                    void run(a.id, async () => {
                      const current = await getArchitecture(a.id);
                      if (!current.ok) return current.error;
                      const doc = { ...current.data.document, name };
                      const r = await updateArchitecture(a.id, { name, document: doc, version: current.data.version });
                      return r.ok ? null : r.error;
                    });
                  }}
                >
                  {t('rename')}
                </button>
                <button
                  type="button"
                  disabled={busy === a.id}
                  onClick={() =>
                    void run(a.id, async () => {
                      const current = await getArchitecture(a.id);
                      if (!current.ok) return current.error;
                      const name = t('copyOf', { name: a.name }).slice(0, 100);
                      const r = await createArchitecture({ name, document: { ...current.data.document, name } });
                      return r.ok ? null : r.error;
                    })
                  }
                >
                  {t('duplicate')}
                </button>
                <button
                  type="button"
                  disabled={busy === a.id}
                  onClick={() => {
                    if (!window.confirm(t('confirmDelete', { name: a.name }))) return;
                    void run(a.id, async () => {
                      const r = await deleteArchitecture(a.id);
                      return r.ok ? null : r.error;
                    });
                  }}
                >
                  {t('delete')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p role="status" aria-live="polite">
        {loading ? t('loadingMore') : cursor === null ? t('allShown', { count: items.length }) : t('shown', { count: items.length })}
      </p>
      {cursor !== null ? (
        <button ref={loadMoreRef} type="button" disabled={loading} aria-busy={loading} onClick={() => void loadMore()}>
          {t('loadMore')}
        </button>
      ) : null}
    </>
  );
}
