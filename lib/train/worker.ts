/// <reference lib="webworker" />
// The training worker: tfjs runs here so that the page stays responsive.
import { loadDataset } from '../data';
import { activateBackend, watchDevice } from './backend';
import { TrainerHost } from './host';
import type { TrainerEvent, TrainerRequest } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

const host = new TrainerHost((event: TrainerEvent, transfer: Transferable[] = []) => scope.postMessage(event, transfer), {
  loadDataset,
  activateBackend,
  watchDevice,
});

scope.onmessage = (message: MessageEvent<TrainerRequest>) => {
  void host.handle(message.data);
};

// An error thrown outside a handled promise still reaches the page as a message.
scope.addEventListener('unhandledrejection', (event) => {
  const reason = event.reason instanceof Error ? event.reason.message : String(event.reason);
  scope.postMessage({ type: 'failed', kind: 'error', error: reason } satisfies TrainerEvent);
});
