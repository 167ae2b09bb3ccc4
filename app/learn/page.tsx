import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { lessonHref, lessonIds } from '@/lib/learn/lessons';
import { lessonMetadata } from '@/components/learn/metadata';

export const generateMetadata = () => lessonMetadata(null);

export default async function LearnIndexPage() {
  const t = await getTranslations('learn');
  return (
    <div className="lesson learn-index">
      <h1>{t('title')}</h1>
      <p className="lesson-intro">{t('indexIntro')}</p>
      <ol className="lesson-list">
        {lessonIds.map((id, i) => (
          <li key={id}>
            <Link href={lessonHref(id)} className="lesson-card">
              <span className="lesson-card-number" aria-hidden="true">
                {i + 1}
              </span>
              <span>
                <strong>{t(`lessons.${id}.title`)}</strong>
                <span className="muted">{t(`lessons.${id}.summary`)}</span>
              </span>
            </Link>
          </li>
        ))}
      </ol>
    </div>
  );
}
