import { createStore, type StoreApi } from 'zustand';
import { temporal, type TemporalState } from 'zundo';
import type { ArchitectureDocument } from '@/lib/schema';

/**
 * The editor's state. Only `doc` is history; selection and viewport are not.
 * Every change of `doc` comes from a pure function of lib/graph.
 */
export interface EditorState {
  doc: ArchitectureDocument;
  selectedNodeIds: string[];
  selectedEdgeIds: string[];
  /** One history step: the document after an edit. */
  apply: (doc: ArchitectureDocument) => void;
  /**
   * Live edits (a drag, typing a value) update the document without history;
   * `commitLive` then records one step from where the live edit began.
   */
  applyLive: (doc: ArchitectureDocument) => void;
  commitLive: () => void;
  /** Replaces the document and forgets history (loading another version). */
  reset: (doc: ArchitectureDocument) => void;
  select: (nodeIds: string[], edgeIds?: string[]) => void;
}

export type EditorStore = StoreApi<EditorState> & {
  temporal: StoreApi<TemporalState<Pick<EditorState, 'doc'>>>;
};

export function createEditorStore(initial: ArchitectureDocument): EditorStore {
  let liveStart: ArchitectureDocument | null = null;
  const store = createStore<EditorState>()(
    temporal(
      (set, get) => ({
        doc: initial,
        selectedNodeIds: [],
        selectedEdgeIds: [],
        apply: (doc) => {
          liveStart = null;
          set({ doc });
        },
        applyLive: (doc) => {
          const history = (store as EditorStore).temporal.getState();
          if (liveStart === null) liveStart = get().doc;
          history.pause();
          set({ doc });
          history.resume();
        },
        commitLive: () => {
          const start = liveStart;
          liveStart = null;
          const end = get().doc;
          if (start === null || start === end) return;
          const history = (store as EditorStore).temporal.getState();
          // Rewind silently to where the live edit began, then record the
          // whole edit as one step.
          history.pause();
          set({ doc: start });
          history.resume();
          set({ doc: end });
        },
        reset: (doc) => {
          liveStart = null;
          set({ doc, selectedNodeIds: [], selectedEdgeIds: [] });
          (store as EditorStore).temporal.getState().clear();
        },
        select: (nodeIds, edgeIds = []) => set({ selectedNodeIds: nodeIds, selectedEdgeIds: edgeIds }),
      }),
      {
        partialize: (state) => ({ doc: state.doc }),
        equality: (a, b) => a.doc === b.doc,
        limit: 300,
      },
    ),
  ) as EditorStore;
  return store;
}
