import { ConvolutionLab } from '@/components/learn/ConvolutionLab';
import { KernelGallery } from '@/components/learn/KernelGallery';
import { LessonFrame } from '@/components/learn/LessonFrame';
import { EDGE_IMAGE, KERNEL_PRESETS } from '@/lib/learn/course';

export const metadata = { title: 'Finding edges · Learn · CNN Studio' };

export default function EdgesLessonPage() {
  return (
    <LessonFrame id="edges">
      <ConvolutionLab image={EDGE_IMAGE} kernel={KERNEL_PRESETS.verticalEdges} stride={[1, 1]} padding="valid" startAtEnd presets={['verticalEdges', 'horizontalEdges']} />
      <KernelGallery initialPreset="verticalEdges" />
    </LessonFrame>
  );
}
