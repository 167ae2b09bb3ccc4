import { getTranslations } from 'next-intl/server';
import type { QueryNotice } from '@/lib/learn/query';

/** Names each link parameter the lesson could not use, and the value it showed instead. */
export async function QueryNotices({ notices }: { notices: QueryNotice[] }) {
  const t = await getTranslations('learn.notices');
  if (notices.length === 0) return null;
  return (
    <div className="lesson-notice" role="note">
      {notices.map((n) => (
        <p key={n.param}>{t(n.code, { param: n.param, value: n.value, allowed: n.allowed })}</p>
      ))}
    </div>
  );
}
