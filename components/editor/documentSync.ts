import type { ApiFailure, ApiResult } from '@/lib/api/client';
import type { ArchitectureDocument } from '@/lib/schema';
import type { EditorStore } from './store';

export type SaveStatus =
  | { kind: 'unsaved' }
  | { kind: 'saved' }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'failed'; error: string }
  | { kind: 'conflict'; version: number | null };

export interface SavedArchitecture {
  id: string;
  shareId: string | null;
  version: number;
}

export interface SyncApi {
  create(body: { name: string; document: ArchitectureDocument }): Promise<ApiResult<{ id: string; shareId: string; version: number }>>;
  /** `keepalive`: the request should outlive the page (it is being closed or hidden). */
  update(id: string, body: { name: string; document: ArchitectureDocument; version: number }, options?: { keepalive?: boolean }): Promise<ApiResult<{ version: number }>>;
}

export interface SyncState {
  saved: SavedArchitecture | null;
  status: SaveStatus;
}

export const AUTOSAVE_DELAY_MS = 800;

/**
 * Keeps the server copy in step with the editor, outside React: the first
 * save creates the architecture; after that every change autosaves,
 * debounced, with the version it was based on. A 409 stops autosaving and
 * waits for the user; nothing is overwritten silently.
 */
export class DocumentSync {
  private state: SyncState;
  private lastSavedDoc: ArchitectureDocument | null;
  private inFlight: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private listeners = new Set<() => void>();
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly store: EditorStore,
    private readonly api: SyncApi,
    initial: SavedArchitecture | null,
    private readonly onCreated: (saved: SavedArchitecture) => void = () => {},
    private readonly delayMs = AUTOSAVE_DELAY_MS,
  ) {
    this.state = { saved: initial, status: initial ? { kind: 'saved' } : { kind: 'unsaved' } };
    this.lastSavedDoc = initial ? store.getState().doc : null;
  }

  getState = (): SyncState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Starts watching the editor for changes to autosave. */
  start(): () => void {
    this.unsubscribe = this.store.subscribe((next, prev) => {
      if (next.doc === prev.doc || !this.state.saved || this.state.status.kind === 'conflict') return;
      if (this.inFlight === null) this.set({ status: { kind: 'dirty' } });
      this.schedule();
    });
    return () => this.stop();
  }

  stop() {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** The editor goes away (another page of the app): a pending autosave is sent now, not dropped. */
  leave(): Promise<void> {
    const pending = this.timer !== null;
    this.stop();
    return pending || this.state.status.kind === 'dirty' ? this.flushNow() : (this.inFlight ?? Promise.resolve());
  }

  /**
   * Sends pending changes now instead of after the autosave delay, after any
   * save already under way; resolves when the server has answered (look at
   * `hasUnsavedChanges()` then). `keepalive` lets the request outlive a page
   * that is being closed.
   */
  async flushNow(options: { keepalive?: boolean } = {}): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.inFlight) await this.inFlight;
    await this.flush(options);
  }

  hasUnsavedChanges(): boolean {
    const kind = this.state.status.kind;
    if (kind === 'saved') return false;
    if (kind === 'unsaved') return this.store.temporal.getState().pastStates.length > 0;
    return true;
  }

  /** The first save, or "save as a copy" after a conflict: a new architecture owned by this browser. */
  async create(name?: string): Promise<SavedArchitecture | null> {
    if (name) this.store.getState().apply({ ...this.store.getState().doc, name });
    const doc = this.store.getState().doc;
    this.set({ status: { kind: 'saving' } });
    const result = await this.api
      .create({ name: doc.name, document: doc })
      .catch((e: unknown): ApiFailure => ({ ok: false, status: 0, error: e instanceof Error ? e.message : 'network error' }));
    if (!result.ok) {
      const detail = result.issues?.length ? `: ${result.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}` : '';
      this.set({ status: { kind: 'failed', error: `${result.error}${detail}` } });
      return null;
    }
    const saved = { id: result.data.id, shareId: result.data.shareId, version: result.data.version };
    this.lastSavedDoc = doc;
    this.set({ saved, status: this.store.getState().doc === doc ? { kind: 'saved' } : { kind: 'dirty' } });
    this.onCreated(saved);
    if (this.store.getState().doc !== doc) this.schedule();
    return saved;
  }

  retry = () => void this.flush();

  private schedule() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  flush(options: { keepalive?: boolean } = {}): Promise<void> {
    if (this.inFlight) return this.inFlight;
    const run = this.send(options);
    this.inFlight = run;
    void run.finally(() => {
      if (this.inFlight === run) this.inFlight = null;
    });
    return run;
  }

  private async send(options: { keepalive?: boolean }): Promise<void> {
    const saved = this.state.saved;
    // A conflict is for the user to settle: never overwrite the newer version.
    if (!saved || this.state.status.kind === 'conflict') return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const doc = this.store.getState().doc;
    if (doc === this.lastSavedDoc) {
      this.set({ status: { kind: 'saved' } });
      return;
    }
    this.set({ status: { kind: 'saving' } });
    const result = await this.api
      .update(saved.id, { name: doc.name, document: doc, version: saved.version }, options)
      .catch((e: unknown): ApiFailure => ({ ok: false, status: 0, error: e instanceof Error ? e.message : 'network error' }));
    if (result.ok) {
      this.lastSavedDoc = doc;
      const changedMeanwhile = this.store.getState().doc !== doc;
      this.set({ saved: { ...saved, version: result.data.version }, status: { kind: changedMeanwhile ? 'dirty' : 'saved' } });
      if (changedMeanwhile) this.schedule();
    } else if (result.status === 409) {
      const current = (result as { currentVersion?: number }).currentVersion;
      this.set({ status: { kind: 'conflict', version: current ?? null } });
    } else {
      const detail = result.issues?.length ? `: ${result.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}` : '';
      this.set({ status: { kind: 'failed', error: `${result.error}${detail}` } });
    }
  }

  private set(patch: Partial<SyncState>) {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }
}
