import { LessonFrame } from '@/components/learn/LessonFrame';
import { PoolingLab } from '@/components/learn/PoolingLab';
import { parsePoolingQuery, type SearchParams } from '@/lib/learn/query';
import { lessonMetadata } from '@/components/learn/metadata';

export const generateMetadata = () => lessonMetadata('pooling');

export default async function PoolingLessonPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { query, notices } = parsePoolingQuery(await searchParams);
  return (
    <LessonFrame id="pooling" notices={notices}>
      <PoolingLab query={query} />
    </LessonFrame>
  );
}
