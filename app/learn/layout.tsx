import { LessonMenu } from '@/components/learn/LessonMenu';
import '@/components/learn/learn.css';

export default function LearnLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="learn">
      <LessonMenu />
      <div className="learn-content">{children}</div>
    </div>
  );
}
