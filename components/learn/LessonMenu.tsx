'use client';

import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { lessonHref, lessonIds } from '@/lib/learn/lessons';

/** The side menu: every lesson in the course's order, the current one marked. */
export function LessonMenu() {
  const t = useTranslations('learn');
  const pathname = usePathname();
  return (
    <nav className="lesson-menu" aria-label={t('menuLabel')}>
      <Link href="/learn" className="lesson-menu-home" aria-current={pathname === '/learn' ? 'page' : undefined}>
        {t('title')}
      </Link>
      <ol>
        {lessonIds.map((id) => {
          const href = lessonHref(id);
          return (
            <li key={id}>
              <Link href={href} aria-current={pathname === href ? 'page' : undefined}>
                {t(`lessons.${id}.title`)}
              </Link>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
