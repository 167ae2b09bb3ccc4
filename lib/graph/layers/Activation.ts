import { z } from 'zod';
import { shapeOk } from '../issues';
import { defineLayer, noParams } from './define';
import { activation } from './params';

export const ActivationParams = z.strictObject({ activation });
export type ActivationParams = z.infer<typeof ActivationParams>;

export const Activation = defineLayer({
  type: 'Activation',
  category: 'core',
  params: ActivationParams,
  initialParams: { activation: 'relu' },
  inputs: { min: 1, max: 1 },
  outputShape: (inputs) => shapeOk([...(inputs[0] ?? [])]),
  paramCount: () => noParams,
  summary: (p) => p.activation,
});
