import { z } from 'zod';
import { shapeError, shapeOk } from '../../graph/issues';
import { formatShape } from '../../graph/shape';
import { defineLayer } from '../shared/define';
import { activationField, useBiasField } from '../shared/fields';
import { activation, booleanParam, positiveInt } from '../shared/params';
import { pyActivation, pyBool } from '../shared/python';

export const DenseParams = z.strictObject({
  units: positiveInt,
  activation: activation.default('linear'),
  useBias: booleanParam.default(true),
});
export type DenseParams = z.infer<typeof DenseParams>;

export const Dense = defineLayer({
  type: 'Dense',
  category: 'core',
  idPrefix: 'dense',
  params: DenseParams,
  initialParams: { units: 128, activation: 'relu', useBias: true },
  inputs: { min: 1, max: 1 },
  outputShape(inputs, p) {
    const input = inputs[0] ?? [];
    // Keras would apply Dense to each position of a 3-D tensor; a beginner
    // almost always meant to flatten first, so this is an error here.
    if (input.length !== 1) {
      return shapeError({
        code: 'denseNeedsFlat',
        values: { shape: formatShape(input) },
        message: `Dense expects a flat input [n] but gets ${formatShape(input)}: insert a Flatten before it`,
        fix: { kind: 'insertBefore', layerType: 'Flatten' },
      });
    }
    return shapeOk([p.units]);
  },
  paramCount(inputs, p) {
    const n = inputs[0]?.[0] ?? 0;
    return { trainable: n * p.units + (p.useBias ? p.units : 0), nonTrainable: 0 };
  },
  summary: (p) => `${p.units} · ${p.activation}`,
  spoken: (p) => ({ units: p.units, activation: p.activation }),
  fields: [{ key: 'units', kind: 'int' }, activationField, useBiasField],
  keras: (p, name) => `layers.Dense(${p.units}, activation=${pyActivation(p.activation)}, use_bias=${pyBool(p.useBias)}, name=${name})`,
});
