import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { lessonHref, lessonIds, neighbours, type LessonId } from '@/lib/learn/lessons';
import type { QueryNotice } from '@/lib/learn/query';
import { QueryNotices } from './QueryNotices';

export const richTags = {
  b: (chunks: React.ReactNode) => <strong>{chunks}</strong>,
  code: (chunks: React.ReactNode) => <code>{chunks}</code>,
  em: (chunks: React.ReactNode) => <em>{chunks}</em>,
};

/**
 * One lesson: its number and title, a short introduction, the interactive
 * part, the ideas to take away, and links to the previous and next lessons.
 * `points` are keys under learn.pages.<id>.points, shown as a list after the lab.
 */
export async function LessonFrame({
  id,
  notices = [],
  children,
}: {
  id: LessonId;
  notices?: QueryNotice[];
  children: React.ReactNode;
}) {
  const t = await getTranslations('learn');
  const { previous, next } = neighbours(id);
  const number = lessonIds.indexOf(id) + 1;
  const points = Object.keys((t.raw(`pages.${id}.points`) as Record<string, string> | undefined) ?? {});
  return (
    <article className="lesson" aria-labelledby="lesson-title">
      <header className="lesson-header">
        <p className="lesson-number">{t('lessonNumber', { number, total: lessonIds.length })}</p>
        <h1 id="lesson-title">{t(`lessons.${id}.title`)}</h1>
        <p className="lesson-intro">{t.rich(`pages.${id}.intro`, richTags)}</p>
      </header>
      <QueryNotices notices={notices} />
      {children}
      {points.length > 0 ? (
        <section className="lesson-points" aria-labelledby="lesson-points-title">
          <h2 id="lesson-points-title">{t('keyIdeas')}</h2>
          <ul>
            {points.map((key) => (
              <li key={key}>{t.rich(`pages.${id}.points.${key}`, richTags)}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <nav className="lesson-pager" aria-label={t('pagerLabel')}>
        {previous ? (
          <Link href={lessonHref(previous)} rel="prev">
            ← {t('previous')}: {t(`lessons.${previous}.title`)}
          </Link>
        ) : (
          <Link href="/learn">← {t('allLessons')}</Link>
        )}
        {next ? (
          <Link href={lessonHref(next)} rel="next" className="next">
            {t('next')}: {t(`lessons.${next}.title`)} →
          </Link>
        ) : (
          <Link href="/learn" className="next">
            {t('allLessons')} →
          </Link>
        )}
      </nav>
    </article>
  );
}
