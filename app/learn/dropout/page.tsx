import { DropoutLab } from '@/components/learn/DropoutLab';
import { LessonFrame } from '@/components/learn/LessonFrame';
import { parseDropoutQuery, type SearchParams } from '@/lib/learn/query';
import { lessonMetadata } from '@/components/learn/metadata';

export const generateMetadata = () => lessonMetadata('dropout');

export default async function DropoutLessonPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { query, notices } = parseDropoutQuery(await searchParams);
  return (
    <LessonFrame id="dropout" notices={notices}>
      <DropoutLab initialRate={query.rate} />
    </LessonFrame>
  );
}
