/// <reference lib="webworker" />
// The training worker: tfjs runs here so that the page stays responsive.
import { loadDataset } from '../../data';
import { autotune, defaultAutotuneBackends } from './autotune';
import { activateBackend, startBackend, watchDevice } from './backend';
import type { BackendName } from '../backendNames';
import { TrainerHost } from './host';
import { screenBrowser, type Screening } from './triage';
import type { TrainerEvent, TrainerRequest } from '../protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

/** The browser does not change under a worker: it is screened once. */
let screening: Promise<Screening[]> | null = null;
const screen = (backends: readonly BackendName[]) =>
  (screening ??= screenBrowser(defaultAutotuneBackends)).then((all) => all.filter((s) => backends.includes(s.backend)));

const host = new TrainerHost((event: TrainerEvent, transfer: Transferable[] = []) => scope.postMessage(event, transfer), {
  loadDataset,
  activateBackend,
  watchDevice,
  // Leaves no backend chosen: the host starts the fastest through activateBackend next.
  // The screen keeps software GPUs and CPU off the critical path (lib/train/triage.ts).
  measureBackends: (buildModel, batch, makeOptimizer, onMeasurement) =>
    autotune(buildModel, batch, { makeOptimizer, onMeasurement, timeBudgetMs: 3000, activateBest: false, screen }),
  warmUp: async (plan) => {
    await Promise.all([plan.screen ? screen(defaultAutotuneBackends) : null, plan.wasm ? startBackend('wasm') : null]);
  },
});

scope.onmessage = (message: MessageEvent<TrainerRequest>) => {
  void host.handle(message.data);
};

// An error thrown outside a handled promise still reaches the page as a readable message.
scope.addEventListener('error', (event) => {
  const inner = event.error as unknown;
  const reason =
    inner instanceof Error ? inner.message : inner instanceof ErrorEvent ? `${inner.message} (${inner.filename}:${inner.lineno})` : event.message;
  event.preventDefault();
  scope.postMessage({ type: 'failed', kind: 'error', error: reason || 'unknown error in the training worker' } satisfies TrainerEvent);
});

scope.addEventListener('unhandledrejection', (event) => {
  const reason = event.reason instanceof Error ? event.reason.message : String(event.reason);
  scope.postMessage({ type: 'failed', kind: 'error', error: reason } satisfies TrainerEvent);
});
