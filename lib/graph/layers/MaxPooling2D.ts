import { definePooling } from './pooling-shared';

/** Keeps the largest value of each window: where a feature is strongest. */
export const MaxPooling2D = definePooling('MaxPooling2D');
