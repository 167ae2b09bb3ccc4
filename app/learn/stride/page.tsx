import { ConvolutionLab } from '@/components/learn/ConvolutionLab';
import { LessonFrame } from '@/components/learn/LessonFrame';
import { blurKernel } from '@/lib/learn/course';
import { parseConvolutionQuery, type SearchParams } from '@/lib/learn/query';
import { lessonMetadata } from '@/components/learn/metadata';

export const generateMetadata = () => lessonMetadata('stride');

export default async function StrideLessonPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { query, notices } = parseConvolutionQuery(await searchParams, { kernel: [3, 3], stride: [1, 1], padding: 'valid' });
  return (
    <LessonFrame id="stride" notices={notices}>
      <ConvolutionLab
        kernel={blurKernel(query.kernel[0], query.kernel[1])}
        stride={query.stride}
        padding={query.padding}
        startAtEnd
        markStarts
        strideChoices={[
          [1, 1],
          [2, 2],
          [3, 3],
        ]}
      />
    </LessonFrame>
  );
}
