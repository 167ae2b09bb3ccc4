'use client';

import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { TemporalState } from 'zundo';
import { analyzeGraph, type GraphAnalysis } from '@/lib/graph';
import type { ArchitectureDocument } from '@/lib/schema';
import { createEditorStore, type EditorState, type EditorStore } from './store';

const StoreContext = createContext<EditorStore | null>(null);
const AnalysisContext = createContext<GraphAnalysis | null>(null);
const ReadOnlyContext = createContext(false);

export function EditorProvider({
  initial,
  readOnly = false,
  children,
}: {
  initial: ArchitectureDocument;
  readOnly?: boolean;
  children: ReactNode;
}) {
  const [store] = useState(() => createEditorStore(initial));
  const doc = useStore(store, (s) => s.doc);
  // Shape inference on every change: well under a millisecond for 200 layers.
  const analysis = useMemo(() => analyzeGraph(doc), [doc]);
  return (
    <StoreContext.Provider value={store}>
      <ReadOnlyContext.Provider value={readOnly}>
        <AnalysisContext.Provider value={analysis}>{children}</AnalysisContext.Provider>
      </ReadOnlyContext.Provider>
    </StoreContext.Provider>
  );
}

export function useEditorStore(): EditorStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useEditorStore outside EditorProvider');
  return store;
}

export function useEditor<T>(selector: (state: EditorState) => T): T {
  return useStore(useEditorStore(), selector);
}

export function useHistory<T>(selector: (state: TemporalState<Pick<EditorState, 'doc'>>) => T): T {
  return useStore(useEditorStore().temporal, selector);
}

export function useAnalysis(): GraphAnalysis {
  const analysis = useContext(AnalysisContext);
  if (!analysis) throw new Error('useAnalysis outside EditorProvider');
  return analysis;
}

export function useReadOnly(): boolean {
  return useContext(ReadOnlyContext);
}
