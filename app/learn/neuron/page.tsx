import { LessonFrame } from '@/components/learn/LessonFrame';
import { NeuronLab } from '@/components/learn/NeuronLab';
import { lessonMetadata } from '@/components/learn/metadata';

export const generateMetadata = () => lessonMetadata('neuron');

export default function NeuronLessonPage() {
  return (
    <LessonFrame id="neuron">
      <NeuronLab />
    </LessonFrame>
  );
}
