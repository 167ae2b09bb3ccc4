'use client';

import type { ArchitectureDocument } from '@/lib/schema';

// Placeholder until the training panel lands (components/train).
export function TrainTab(_props: { doc: ArchitectureDocument; architectureId: string | null; canSaveRuns: boolean }) {
  return <div className="page">Training panel</div>;
}

export function RunsTab(_props: { architectureId: string }) {
  return <div className="page">Runs</div>;
}
