// Links from a layer to the lessons, carrying the layer's own settings in the
// lesson's query (lib/learn/query.ts reads them back).
import { toPair } from '../../graph/shape';
import { lessonHref, type LessonId } from '../../learn/lessons';
import { formatPairParam } from '../../learn/query';
import type { LessonLink, SlidingWindow } from './define';

export function lessonLink(lesson: LessonId, query?: Record<string, string>): LessonLink {
  const q = query ? new URLSearchParams(query).toString() : '';
  return { lesson, href: q ? `${lessonHref(lesson)}?${q}` : lessonHref(lesson) };
}

/** The convolution, stride and padding lessons opened with this kernel, stride and padding. */
export function convolutionLessons(geometry: SlidingWindow): LessonLink[] {
  const query = { kernel: formatPairParam(geometry.window), stride: formatPairParam(geometry.strides), padding: geometry.padding };
  return (['convolution', 'stride', 'padding'] as const).map((lesson) => lessonLink(lesson, query));
}

export { toPair };
