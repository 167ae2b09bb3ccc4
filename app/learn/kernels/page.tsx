import { KernelGallery } from '@/components/learn/KernelGallery';
import { LessonFrame } from '@/components/learn/LessonFrame';

export const metadata = { title: 'Blur, sharpen, brighten, darken · Learn · CNN Studio' };

export default function KernelsLessonPage() {
  return (
    <LessonFrame id="kernels">
      <KernelGallery initialPreset="blur" />
    </LessonFrame>
  );
}
