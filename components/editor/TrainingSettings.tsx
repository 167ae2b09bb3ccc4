'use client';

import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { trainingMemory, type OptimizerSlotsName, type TrainingMemory } from '@/lib/graph';
import { defaultHyperparameters } from '@/lib/train/page/hyperparameters';
import { useAnalysis } from './EditorContext';

/** What the editor's memory estimate assumes: the Train tab's batch size and optimizer, once the user sets them there. */
export interface TrainingSettings {
  batchSize: number;
  optimizer: OptimizerSlotsName;
}

const defaults: TrainingSettings = { batchSize: defaultHyperparameters.batchSize, optimizer: defaultHyperparameters.optimizer };

const SettingsContext = createContext<{ settings: TrainingSettings; setSettings(next: TrainingSettings): void } | null>(null);

export function TrainingSettingsProvider({ children }: { children: ReactNode }) {
  const [settings, setSettings] = useState(defaults);
  const value = useMemo(() => ({ settings, setSettings }), [settings]);
  return <SettingsContext.Provider value={value}>{children}</SettingsContext.Provider>;
}

function useSettingsContext() {
  const context = useContext(SettingsContext);
  if (!context) throw new Error('useTrainingSettings outside TrainingSettingsProvider');
  return context;
}

export function useSetTrainingSettings(): (next: TrainingSettings) => void {
  return useSettingsContext().setSettings;
}

/** The memory training this model would take, at the Train tab's batch size. */
export function useTrainingMemory(): TrainingMemory {
  const { settings } = useSettingsContext();
  const analysis = useAnalysis();
  return useMemo(() => trainingMemory(analysis, settings.batchSize, settings.optimizer), [analysis, settings]);
}
