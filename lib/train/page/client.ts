// The page's side of the training worker: sends typed requests, turns the
// answers to one-off requests (evaluate, predict, examples, weights) into promises.
import type { Evaluation } from '../worker/evaluate';
import type { PrepareRequest, TrainerEvent, TrainerRequest } from '../protocol';
import type { WeightsPayload } from '../worker/weights';

type Listener = (event: TrainerEvent) => void;
type Answer = { resolve: (event: TrainerEvent) => void; reject: (error: Error) => void };

export interface ExampleImages {
  images: Uint8Array;
  shape: [number, number, number];
  labels: number[];
}

export class TrainerClient {
  private readonly worker: Worker;
  private readonly listeners = new Set<Listener>();
  private readonly answers = new Map<number, Answer>();
  private nextId = 1;
  private terminated = false;

  constructor() {
    // The literal `new URL(..., import.meta.url)` is what lets Next bundle the worker.
    this.worker = new Worker(new URL('../worker/worker.ts', import.meta.url), { type: 'module', name: 'cnn-studio-trainer' });
    this.worker.onmessage = (message: MessageEvent<TrainerEvent>) => this.receive(message.data);
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.receive({ type: 'failed', kind: 'error', error: event.message || 'The training worker crashed' });
    };
  }

  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  send(request: TrainerRequest, transfer: Transferable[] = []): void {
    if (!this.terminated) this.worker.postMessage(request, transfer);
  }

  prepare(request: Omit<PrepareRequest, 'type'>): void {
    // The weights are copied, not transferred: the page keeps them to continue elsewhere after a failure.
    this.send({ type: 'prepare', ...request });
  }

  async evaluate(limit?: number): Promise<Evaluation> {
    const event = await this.ask((requestId) => ({ type: 'evaluate', requestId, ...(limit !== undefined ? { limit } : {}) }));
    if (event.type !== 'evaluation') throw new Error(`unexpected answer ${event.type}`);
    return event.evaluation;
  }

  async predict(pixels: Float32Array): Promise<number[]> {
    const event = await this.ask((requestId) => ({ type: 'predict', requestId, pixels }));
    if (event.type !== 'prediction') throw new Error(`unexpected answer ${event.type}`);
    return event.probabilities;
  }

  async examples(split: Evaluation['split'], indices: number[]): Promise<ExampleImages> {
    const event = await this.ask((requestId) => ({ type: 'examples', requestId, split, indices }));
    if (event.type !== 'examples') throw new Error(`unexpected answer ${event.type}`);
    return { images: event.images, shape: event.shape, labels: event.labels };
  }

  async exportWeights(): Promise<WeightsPayload> {
    const event = await this.ask((requestId) => ({ type: 'exportWeights', requestId }));
    if (event.type !== 'weights') throw new Error(`unexpected answer ${event.type}`);
    return event.weights;
  }

  terminate(): void {
    this.terminated = true;
    this.worker.terminate();
    for (const answer of this.answers.values()) answer.reject(new Error('The training worker was closed'));
    this.answers.clear();
    this.listeners.clear();
  }

  private ask(build: (requestId: number) => TrainerRequest): Promise<TrainerEvent> {
    if (this.terminated) return Promise.reject(new Error('The training worker was closed'));
    const requestId = this.nextId++;
    return new Promise((resolve, reject) => {
      this.answers.set(requestId, { resolve, reject });
      this.send(build(requestId));
    });
  }

  private receive(event: TrainerEvent) {
    if ('requestId' in event) {
      const answer = this.answers.get(event.requestId);
      this.answers.delete(event.requestId);
      if (event.type === 'requestFailed') answer?.reject(new Error(event.error));
      else answer?.resolve(event);
      return;
    }
    for (const listener of this.listeners) listener(event);
  }
}
