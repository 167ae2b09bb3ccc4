import { AugmentationLab } from '@/components/learn/AugmentationLab';
import { LessonFrame } from '@/components/learn/LessonFrame';
import { lessonMetadata } from '@/components/learn/metadata';
import { parseAugmentationQuery } from '@/lib/learn/augmentation';
import type { SearchParams } from '@/lib/learn/query';

export const generateMetadata = () => lessonMetadata('augmentation');

export default async function AugmentationLessonPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { query, notices } = parseAugmentationQuery(await searchParams);
  return (
    <LessonFrame id="augmentation" notices={notices}>
      <AugmentationLab initial={query} />
    </LessonFrame>
  );
}
