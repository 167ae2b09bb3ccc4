import { getTranslations } from 'next-intl/server';
import { ConvolutionLab } from '@/components/learn/ConvolutionLab';
import { KernelGallery } from '@/components/learn/KernelGallery';
import { LessonFrame } from '@/components/learn/LessonFrame';
import { EDGE_IMAGE, KERNEL_PRESETS } from '@/lib/learn/course';
import { lessonMetadata } from '@/components/learn/metadata';

export const generateMetadata = () => lessonMetadata('edges');

export default async function EdgesLessonPage() {
  const t = await getTranslations('learn.pages.edges');
  return (
    <LessonFrame id="edges">
      <ConvolutionLab image={EDGE_IMAGE} kernel={KERNEL_PRESETS.verticalEdges} stride={[1, 1]} padding="valid" startAtEnd presets={['verticalEdges', 'horizontalEdges']} />
      <h2 className="lab-title">{t('galleryTitle')}</h2>
      <KernelGallery initialPreset="verticalEdges" />
    </LessonFrame>
  );
}
