'use client';

import { useSyncExternalStore } from 'react';
import { initialSessionState, trainingSessionFor, type SessionState, type TrainingSession } from '@/lib/train/page/session';

/** The page-wide session for this architecture and its state; training survives switching tabs. */
export function useTrainingSession(key: string): { session: TrainingSession; state: SessionState } {
  const session = trainingSessionFor(key);
  const state = useSyncExternalStore(session.subscribe, session.getSnapshot, () => initialSessionState);
  return { session, state };
}
