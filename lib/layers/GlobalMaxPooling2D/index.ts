import { defineGlobalPooling, type GlobalPoolingParams } from '../shared/pooling';

export type GlobalMaxPooling2DParams = GlobalPoolingParams;

/** Keeps the largest value of each channel over the whole image. */
export const GlobalMaxPooling2D = defineGlobalPooling('GlobalMaxPooling2D', 'gmp', 40);
