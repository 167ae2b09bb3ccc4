// Links from a layer in the editor to the lesson that explains it, carrying
// the layer's own settings (see query.ts for the format).
import { toPair } from '../graph/shape';
import type { LayerNode } from '../schema';
import { formatPairParam } from './query';
import { lessonHref, type LessonId } from './lessons';

export interface LessonLink {
  lesson: LessonId;
  href: string;
}

/** The lessons for a node, most relevant first; [] for layers no lesson covers. */
export function learnLinksFor(node: LayerNode): LessonLink[] {
  switch (node.type) {
    case 'Conv2D': {
      const q = new URLSearchParams({
        kernel: formatPairParam(toPair(node.params.kernelSize)),
        stride: formatPairParam(toPair(node.params.strides)),
        padding: node.params.padding,
      }).toString();
      return (['convolution', 'stride', 'padding'] as const).map((lesson) => ({ lesson, href: `${lessonHref(lesson)}?${q}` }));
    }
    case 'MaxPooling2D':
    case 'AveragePooling2D': {
      const pool = toPair(node.params.poolSize);
      const q = new URLSearchParams({
        pool: formatPairParam(pool),
        stride: formatPairParam(node.params.strides === undefined ? pool : toPair(node.params.strides)),
        padding: node.params.padding,
        type: node.type === 'MaxPooling2D' ? 'max' : 'average',
      }).toString();
      return [{ lesson: 'pooling', href: `${lessonHref('pooling')}?${q}` }];
    }
    case 'Dropout':
      return [{ lesson: 'dropout', href: `${lessonHref('dropout')}?rate=${node.params.rate}` }];
    default:
      return [];
  }
}
