import { definePytorch } from '../shared/pytorch';
import type { AverageParams } from '.';

export const pytorch = definePytorch<AverageParams>({ forward: (_p, { inputs }) => `(${inputs.join(' + ')}) / ${inputs.length}` });
