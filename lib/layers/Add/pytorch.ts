import { definePytorch } from '../shared/pytorch';
import type { AddParams } from '.';

export const pytorch = definePytorch<AddParams>({ forward: (_p, { inputs }) => inputs.join(' + ') });
