import { LessonFrame } from '@/components/learn/LessonFrame';
import { PerceiveLab } from '@/components/learn/perceive/PerceiveLab';
import type { SearchParams } from '@/lib/learn/query';
import { lessonMetadata } from '@/components/learn/metadata';

export const generateMetadata = () => lessonMetadata('perceive');

/** /learn/perceive?run=<runId> opens a saved run; ?run=untrained the course CNN before training. */
export default async function PerceiveLessonPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const raw = (await searchParams).run;
  const run = typeof raw === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(raw) ? raw : null;
  return (
    <LessonFrame id="perceive">
      <PerceiveLab key={run ?? ''} run={run} />
    </LessonFrame>
  );
}
