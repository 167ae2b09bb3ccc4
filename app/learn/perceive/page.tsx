import { LessonFrame } from '@/components/learn/LessonFrame';

export const metadata = { title: 'What the network perceives · Learn · CNN Studio' };

export default function PerceiveLessonPage() {
  return <LessonFrame id="perceive">{null}</LessonFrame>;
}
