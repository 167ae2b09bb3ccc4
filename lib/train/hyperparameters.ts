/**
 * Training settings as the user types them, checked field by field so the form
 * can show each problem beside its input. The shape matches the runs API's
 * `hyperparameters` so a run stores exactly what was used.
 */
export const optimizers = ['adam', 'sgd', 'rmsprop'] as const;
export type OptimizerName = (typeof optimizers)[number];

export interface Hyperparameters {
  optimizer: OptimizerName;
  learningRate: number;
  batchSize: number;
  epochs: number;
  /** Fraction of the training images held out to validate after each epoch, 0 for none. */
  validationSplit: number;
  shuffle: boolean;
  seed: number;
  /** "Use the first N images": trains on a subset so a try takes seconds. */
  trainLimit?: number;
}

export const defaultHyperparameters: Hyperparameters = {
  optimizer: 'adam',
  learningRate: 0.001,
  batchSize: 32,
  epochs: 5,
  validationSplit: 0.1,
  shuffle: true,
  seed: 42,
};

export const HYPERPARAMETER_LIMITS = {
  learningRate: { min: 0, max: 10 },
  batchSize: { min: 1, max: 4096 },
  epochs: { min: 1, max: 1000 },
  validationSplit: { min: 0, max: 0.5 },
  seed: { min: 0, max: 2 ** 31 - 1 },
  trainLimit: { min: 1 },
} as const;

export type HyperparameterField = keyof Hyperparameters;

export interface HyperparameterIssue {
  field: HyperparameterField;
  /** For translation: the message key under train.hyper.issues. */
  code: 'notNumber' | 'notInteger' | 'outOfRange' | 'unknownOptimizer' | 'tooLargeForData' | 'notBoolean';
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
      const range = `${opts.minExclusive ? '(' : '['}${opts.min}, ${opts.max}]`;
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
  const learningRate = num('learningRate', { integer: false, ...L.learningRate, minExclusive: true });
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
    trainLimit = num('trainLimit', { integer: true, min: L.trainLimit.min, max: Number.MAX_SAFE_INTEGER });
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
  return {
    ok: true,
    value: {
      optimizer: optimizer as OptimizerName,
      learningRate: learningRate!,
      batchSize: batchSize!,
      epochs: epochs!,
      validationSplit: validationSplit!,
      shuffle: shuffle as boolean,
      seed: seed!,
      ...(trainLimit !== undefined ? { trainLimit } : {}),
    },
  };
}
