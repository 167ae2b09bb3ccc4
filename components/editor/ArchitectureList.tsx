'use client';

import { useFormatter, useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { createArchitecture, deleteArchitecture, getArchitecture, updateArchitecture } from '@/lib/api/client';

export interface ArchitectureListItem {
  id: string;
  name: string;
  paramCount: number | null;
  updatedAt: string;
  bestValAccuracy: number | null;
}

/** The owner's architectures: open, rename, duplicate, delete (with confirmation). */
export function ArchitectureList({ items }: { items: ArchitectureListItem[] }) {
  const t = useTranslations('editor.mine');
  const format = useFormatter();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function run(id: string, action: () => Promise<string | null>) {
    setBusy(id);
    setError(await action());
    setBusy(null);
    router.refresh();
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
              <td className="mono">{a.paramCount === null ? '—' : format.number(a.paramCount)}</td>
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
    </>
  );
}
