import { definePooling } from '../shared/pooling';

/** Keeps the largest value of each window: where a feature is strongest. */
export const MaxPooling2D = definePooling('MaxPooling2D', 'maxpool', 10);
