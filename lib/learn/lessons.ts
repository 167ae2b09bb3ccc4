// The lessons in the course's order; the index page, the side menu and the
// previous/next links all read this one list.

export const lessonIds = [
  'convolution',
  'kernels',
  'stride',
  'padding',
  'neuron',
  'edges',
  'perceive',
  'pooling',
  'dropout',
  'augmentation',
  'architecture',
] as const;
export type LessonId = (typeof lessonIds)[number];

export function lessonHref(id: LessonId): string {
  return `/learn/${id}`;
}

export function isLessonId(value: unknown): value is LessonId {
  return typeof value === 'string' && (lessonIds as readonly string[]).includes(value);
}

export function neighbours(id: LessonId): { previous: LessonId | null; next: LessonId | null } {
  const i = lessonIds.indexOf(id);
  return { previous: lessonIds[i - 1] ?? null, next: lessonIds[i + 1] ?? null };
}
