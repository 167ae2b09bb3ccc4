import { z } from 'zod';
import { shapeOk } from '../../graph/issues';
import { defineLayer, noParams } from '../shared/define';
import { activationField } from '../shared/fields';
import { activation } from '../shared/params';
import { pyActivation } from '../shared/python';

export const ActivationParams = z.strictObject({ activation });
export type ActivationParams = z.infer<typeof ActivationParams>;

export const Activation = defineLayer({
  type: 'Activation',
  category: 'activation',
  paletteRank: 10,
  idPrefix: 'act',
  params: ActivationParams,
  initialParams: { activation: 'relu' },
  inputs: { min: 1, max: 1 },
  outputShape: (inputs) => shapeOk([...(inputs[0] ?? [])]),
  paramCount: () => noParams,
  summary: (p) => p.activation,
  spoken: (p) => ({ activation: p.activation }),
  fields: [activationField],
  keras: (p, name) => `layers.Activation(${pyActivation(p.activation)}, name=${name})`,
});
