// lib/train's public surface. The page-side pieces (session, client) import
// no tfjs; loadRunModel and the loop do, so import those only where tfjs is wanted.
export { loadRunModel, type LoadedRunModel } from './page/loadRunModel';
export { trainingSessionFor, TrainingSession, type SessionState, type StartOptions, type Phase, type BatchPoint } from './page/session';
export { validateHyperparameters, defaultHyperparameters, optimizers, HYPERPARAMETER_LIMITS, type Hyperparameters, type HyperparameterIssue } from './page/hyperparameters';
export { checkReadiness, type ReadinessIssue } from './checks';
export { backendNames, type BackendName, type BackendChoice } from './backendNames';
export type { EpochMetrics, BatchProgress } from './metrics';
export type { Evaluation } from './worker/evaluate';
export { MAX_WEIGHTS_BYTES } from '../schema/run';
