'use client';

import dynamic from 'next/dynamic';
import { setParams } from '@/lib/graph';
import type { ArchitectureDocument } from '@/lib/schema';
import { useAnalysis, useEditorStore } from './EditorContext';
import { useSetTrainingSettings } from './TrainingSettings';

// tfjs and the charts load only when a user opens these tabs.
const TrainPanel = dynamic(() => import('@/components/train/TrainPanel').then((m) => m.TrainPanel), { ssr: false });
const RunsView = dynamic(() => import('@/components/train/RunsView').then((m) => m.RunsView), { ssr: false });

export function TrainTab({ doc, architectureId, canSaveRuns, readOnly }: { doc: ArchitectureDocument; architectureId: string | null; canSaveRuns: boolean; readOnly: boolean }) {
  const store = useEditorStore();
  const { outputId } = useAnalysis();
  const setTrainingSettings = useSetTrainingSettings();
  const setOutputUnits = (units: number) => {
    const state = store.getState();
    const output = state.doc.nodes.find((n) => n.id === outputId);
    if (output?.type !== 'Dense') return;
    state.apply(setParams(state.doc, output.id, { ...output.params, units }));
  };
  return (
    <TrainPanel document={doc} architectureId={architectureId} canSaveRuns={canSaveRuns} sharedPage={readOnly} onSetOutputUnits={readOnly ? undefined : setOutputUnits} onSettingsChange={setTrainingSettings} />
  );
}

export function RunsTab({ architectureId, onOpenedInTrain }: { architectureId: string; onOpenedInTrain: () => void }) {
  return <RunsView architectureId={architectureId} onOpenedInTrain={onOpenedInTrain} />;
}
