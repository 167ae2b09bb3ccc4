import { LessonFrame } from '@/components/learn/LessonFrame';
import { NeuronLab } from '@/components/learn/NeuronLab';

export const metadata = { title: 'Kernels are neurons · Learn · CNN Studio' };

export default function NeuronLessonPage() {
  return (
    <LessonFrame id="neuron">
      <NeuronLab />
    </LessonFrame>
  );
}
