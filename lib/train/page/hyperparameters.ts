/**
 * Training settings as the user types them, checked field by field so the form
 * can show each problem beside its input. The fields, their bounds and the
 * checked shape are lib/schema/run.ts's, the same the runs API holds a new run
 * to, so the form never lets through what the API would refuse.
 */
import {
  defaultHyperparameters,
  describeRange,
  Hyperparameters as HyperparametersSchema,
  HYPERPARAMETER_LIMITS,
  optimizers,
  type HyperparameterField,
  type Hyperparameters,
  type OptimizerName,
} from '../../schema/run';

export { defaultHyperparameters, HYPERPARAMETER_LIMITS, optimizers, type HyperparameterField, type Hyperparameters, type OptimizerName };

export interface HyperparameterIssue {
  field: HyperparameterField;
  /** For translation: the message key under train.hyper.issues. */
  code: 'notNumber' | 'notInteger' | 'outOfRange' | 'unknownOptimizer' | 'tooLargeForData' | 'notBoolean' | 'invalid';
  values: Record<string, string | number>;
  message: string;
}

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

export type HyperparameterResult = { ok: true; value: Hyperparameters } | { ok: false; issues: HyperparameterIssue[] };

/**
 * Checks raw form values. `trainCount` (the dataset's training images) lets it
 * refuse a subset or batch larger than the data.
 */
export function validateHyperparameters(input: Record<string, unknown>, trainCount?: number): HyperparameterResult {
  const issues: HyperparameterIssue[] = [];
  const num = (field: HyperparameterField, opts: { integer: boolean; min: number; max: number; minExclusive?: boolean }) => {
    const value = input[field];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      issues.push({ field, code: 'notNumber', values: { value: show(value) }, message: `${field} must be a number, got ${show(value)}` });
      return undefined;
    }
    if (opts.integer && !Number.isInteger(value)) {
      issues.push({ field, code: 'notInteger', values: { value }, message: `${field} must be a whole number, got ${value}` });
      return undefined;
    }
    const low = opts.minExclusive ? value <= opts.min : value < opts.min;
    if (low || value > opts.max) {
      const range = describeRange(opts);
      issues.push({ field, code: 'outOfRange', values: { value, range }, message: `${field} must be in ${range}, got ${value}` });
      return undefined;
    }
    return value;
  };
  const L = HYPERPARAMETER_LIMITS;
  const optimizer = input.optimizer;
  if (typeof optimizer !== 'string' || !(optimizers as readonly string[]).includes(optimizer)) {
    issues.push({
      field: 'optimizer',
      code: 'unknownOptimizer',
      values: { value: show(optimizer), options: optimizers.join(', ') },
      message: `optimizer must be one of ${optimizers.join(', ')}, got ${show(optimizer)}`,
    });
  }
  const learningRate = num('learningRate', { integer: false, ...L.learningRate });
  const batchSize = num('batchSize', { integer: true, ...L.batchSize });
  const epochs = num('epochs', { integer: true, ...L.epochs });
  const validationSplit = num('validationSplit', { integer: false, ...L.validationSplit });
  const seed = num('seed', { integer: true, ...L.seed });
  const shuffle = input.shuffle;
  if (typeof shuffle !== 'boolean') {
    issues.push({ field: 'shuffle', code: 'notBoolean', values: { value: show(shuffle) }, message: `shuffle must be true or false, got ${show(shuffle)}` });
  }
  let trainLimit: number | undefined;
  if (input.trainLimit !== undefined && input.trainLimit !== null && input.trainLimit !== '') {
    trainLimit = num('trainLimit', { integer: true, ...L.trainLimit });
    if (trainLimit !== undefined && trainCount !== undefined && trainLimit > trainCount) {
      issues.push({
        field: 'trainLimit',
        code: 'tooLargeForData',
        values: { value: trainLimit, count: trainCount },
        message: `the subset of ${trainLimit} images is larger than the ${trainCount} training images`,
      });
      trainLimit = undefined;
    }
  }
  // The images actually trained on after the validation hold-out: a batch bigger than that is never full.
  if (batchSize !== undefined && validationSplit !== undefined && trainCount !== undefined) {
    const used = trainLimit ?? trainCount;
    const trained = used - Math.floor(used * validationSplit);
    if (batchSize > trained) {
      issues.push({
        field: 'batchSize',
        code: 'tooLargeForData',
        values: { value: batchSize, count: trained },
        message: `batchSize ${batchSize} is larger than the ${trained} images left to train on`,
      });
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  // The schema has the last word: a rule it holds that the checks above missed is still refused here.
  return checkedBySchema({
    optimizer,
    learningRate,
    batchSize,
    epochs,
    validationSplit,
    shuffle,
    seed,
    ...(trainLimit !== undefined ? { trainLimit } : {}),
  });
}

/** The form's value through the API's own schema (its message, untranslated, should a rule differ). */
function checkedBySchema(value: Record<string, unknown>): HyperparameterResult {
  const result = HyperparametersSchema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => {
      const field = String(issue.path[0] ?? 'optimizer') as HyperparameterField;
      return { field, code: 'invalid' as const, values: {}, message: `${field}: ${issue.message}` };
    }),
  };
}
