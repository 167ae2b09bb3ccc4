import { definePytorch } from '../shared/pytorch';
import type { GlobalAveragePooling2DParams } from '.';

export const pytorch = definePytorch<GlobalAveragePooling2DParams>({ forward: (_p, { inputs }) => `torch.mean(${inputs[0]}, dim=(2, 3))` });
