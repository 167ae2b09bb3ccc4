import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import type { LessonId } from '@/lib/learn/lessons';

/** The browser tab's title in the reader's language: "Stride · Learn · CNN Studio". */
export async function lessonMetadata(id: LessonId | null): Promise<Metadata> {
  const t = await getTranslations('learn');
  return { title: [id ? t(`lessons.${id}.title`) : null, t('title'), 'CNN Studio'].filter(Boolean).join(' · ') };
}
