'use client';

import type * as tf from '@tensorflow/tfjs';
import { useEffect, useState } from 'react';

/** Which network to look inside: a saved run, or the course CNN with its random starting weights. */
export type ModelChoice = { kind: 'run'; runId: string } | { kind: 'untrained' };

export interface LoadedModel {
  model: tf.LayersModel;
  /** The architecture's name, for headings. */
  name: string;
  /** The data it was trained on: used to find sample images. */
  dataset: { hash: string; shape: [number, number, number]; name: string } | null;
  trained: boolean;
}

export type ModelState = { status: 'idle' } | { status: 'loading' } | { status: 'failed'; error: string } | { status: 'ready'; loaded: LoadedModel };

async function load(choice: ModelChoice): Promise<LoadedModel> {
  if (choice.kind === 'untrained') {
    const [{ compileGraph }, { templateDocument }] = await Promise.all([import('@/lib/compile'), import('@/lib/templates')]);
    const doc = templateDocument('course-cnn');
    const compiled = compileGraph(doc, { seed: 1 });
    if (!compiled.ok) throw new Error(compiled.issues.map((i) => i.message).join('\n'));
    return { model: compiled.model, name: doc.name, dataset: null, trained: false };
  }
  // tfjs and the trainer's loader arrive only when a run is opened.
  const [{ loadRunModel }, { getRun }] = await Promise.all([import('@/lib/train/page/loadRunModel'), import('@/lib/api/client')]);
  const [loaded, run] = await Promise.all([loadRunModel(choice.runId), getRun(choice.runId)]);
  if (!loaded.ok) throw new Error(loaded.error);
  const ref = run.ok ? run.data.dataset : null;
  return { model: loaded.model, name: loaded.document.name, dataset: ref ? { hash: ref.hash, shape: ref.shape, name: ref.name } : null, trained: true };
}

/** Loads the chosen model and disposes it when the choice changes or the page closes. */
export function useRunModel(choice: ModelChoice | null): ModelState {
  // Each result remembers which choice it answers, so a new choice reads as loading without a reset.
  const [settled, setSettled] = useState<{ key: string; state: ModelState } | null>(null);
  const key = choice === null ? null : choice.kind === 'run' ? `run:${choice.runId}` : 'untrained';
  useEffect(() => {
    if (choice === null || key === null) return;
    let live = true;
    let model: tf.LayersModel | null = null;
    load(choice)
      .then((loaded) => {
        if (!live) {
          loaded.model.dispose();
          return;
        }
        model = loaded.model;
        setSettled({ key, state: { status: 'ready', loaded } });
      })
      .catch((e: unknown) => live && setSettled({ key, state: { status: 'failed', error: e instanceof Error ? e.message : String(e) } }));
    return () => {
      live = false;
      model?.dispose();
    };
    // `key` captures the choice; the object itself is new on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  if (key === null) return { status: 'idle' };
  return settled?.key === key ? settled.state : { status: 'loading' };
}
