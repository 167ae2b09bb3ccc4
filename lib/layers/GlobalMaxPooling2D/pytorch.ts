import { definePytorch } from '../shared/pytorch';
import type { GlobalMaxPooling2DParams } from '.';

export const pytorch = definePytorch<GlobalMaxPooling2DParams>({ forward: (_p, { inputs }) => `torch.amax(${inputs[0]}, dim=(2, 3))` });
