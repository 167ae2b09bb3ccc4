import { describe, expect, it } from 'vitest';
import { CreateRunBody, defaultHyperparameters, HYPERPARAMETER_INTEGERS, HYPERPARAMETER_LIMITS, Hyperparameters } from '../../schema/run';
import { validateHyperparameters } from './hyperparameters';

type Field = keyof typeof HYPERPARAMETER_LIMITS;
const fields = Object.keys(HYPERPARAMETER_LIMITS) as Field[];

/** Whether the training form and the runs API each take `value` for `field`. */
function verdicts(field: Field, value: number) {
  const hyperparameters = { ...defaultHyperparameters, [field]: value };
  const form = validateHyperparameters(hyperparameters);
  const api = CreateRunBody.shape.hyperparameters.safeParse(hyperparameters);
  return { form: form.ok, api: api.success };
}

describe('the training form and the runs API: one schema', () => {
  it.each(fields)('the training form and the runs API take and refuse the same %s', (field) => {
    const { min, max } = HYPERPARAMETER_LIMITS[field];
    const minExclusive = 'minExclusive' in HYPERPARAMETER_LIMITS[field];
    const step = HYPERPARAMETER_INTEGERS[field] ? 1 : 1e-6;
    const inside = [max, minExclusive ? min + step : min];
    const outside = [max + (max === Number.MAX_SAFE_INTEGER ? 2 : step), minExclusive ? min : min - step];
    if (HYPERPARAMETER_INTEGERS[field]) outside.push(min + 0.5);
    for (const value of inside) expect(verdicts(field, value), `${field} = ${value}`).toEqual({ form: true, api: true });
    for (const value of outside) expect(verdicts(field, value), `${field} = ${value}`).toEqual({ form: false, api: false });
  });

  it('caps the batch size at 4096 on both sides, naming the field', () => {
    const form = validateHyperparameters({ ...defaultHyperparameters, batchSize: 4097 });
    expect(form.ok ? [] : form.issues.map((i) => [i.field, i.code])).toEqual([['batchSize', 'outOfRange']]);
    const api = Hyperparameters.safeParse({ ...defaultHyperparameters, batchSize: 4097 });
    expect(api.success ? [] : api.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['batchSize', 'expected a whole number in [1, 4096], got 4097']]);
  });

  it('the form’s checked value is what the API schema gives back', () => {
    // The form hands its value through the schema, so a field or rule only one side has shows up here.
    const form = validateHyperparameters({ ...defaultHyperparameters });
    expect(form).toEqual({ ok: true, value: defaultHyperparameters });
  });

});
