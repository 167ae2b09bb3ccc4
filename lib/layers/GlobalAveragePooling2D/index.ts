import { defineGlobalPooling, type GlobalPoolingParams } from '../shared/pooling';

export type GlobalAveragePooling2DParams = GlobalPoolingParams;

/** Averages each channel over the whole image. */
export const GlobalAveragePooling2D = defineGlobalPooling('GlobalAveragePooling2D', 'gap', 30);
