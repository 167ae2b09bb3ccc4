import { KernelGallery } from '@/components/learn/KernelGallery';
import { LessonFrame } from '@/components/learn/LessonFrame';
import { lessonMetadata } from '@/components/learn/metadata';

export const generateMetadata = () => lessonMetadata('kernels');

export default function KernelsLessonPage() {
  return (
    <LessonFrame id="kernels">
      <KernelGallery initialPreset="blur" />
    </LessonFrame>
  );
}
