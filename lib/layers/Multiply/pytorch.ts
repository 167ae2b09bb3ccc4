import { definePytorch } from '../shared/pytorch';
import type { MultiplyParams } from '.';

export const pytorch = definePytorch<MultiplyParams>({ forward: (_p, { inputs }) => inputs.join(' * ') });
