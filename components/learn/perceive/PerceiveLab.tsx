'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { findDatasetFor, loadDatasetSamples, type DatasetSample } from '../samples';
import { FeatureMapsView } from './FeatureMapsView';
import { LearnedKernelsView } from './LearnedKernelsView';
import { RunPicker } from './RunPicker';
import { useRunModel, type LoadedModel, type ModelChoice } from './useRunModel';

const SAMPLE_COUNT = 8;

type SamplesState =
  | { status: 'loading'; progress: number }
  | { status: 'ready'; samples: DatasetSample[]; shape: [number, number, number]; datasetName: string; exact: boolean }
  | { status: 'missing' }
  | { status: 'failed'; error: string };

function choiceFromParam(run: string | null): ModelChoice | null {
  if (run === null) return null;
  return run === 'untrained' ? { kind: 'untrained' } : { kind: 'run', runId: run };
}

/**
 * Inside a network: pick a run (or the untrained course CNN), see its
 * learned kernels, then the feature maps of every convolution and pooling
 * layer for a sample from the data it was trained on.
 */
export function PerceiveLab({ run }: { run: string | null }) {
  const t = useTranslations('learn.perceive');
  const [choice, setChoice] = useState<ModelChoice | null>(choiceFromParam(run));
  const state = useRunModel(choice);

  const choose = (next: ModelChoice) => {
    setChoice(next);
    // Keep the address shareable without a server round trip.
    const url = new URL(window.location.href);
    url.searchParams.set('run', next.kind === 'untrained' ? 'untrained' : next.runId);
    window.history.replaceState(null, '', url);
  };

  return (
    <section className="lab perceive-lab" aria-label={t('labLabel')}>
      <RunPicker choice={choice} onChoose={choose} />
      {state.status === 'idle' ? <p className="muted">{t('pickFirst')}</p> : null}
      {state.status === 'loading' ? (
        <p className="muted" role="status">
          {t('loadingModel')}
        </p>
      ) : null}
      {state.status === 'failed' ? (
        <p className="error-text" role="alert">
          {t('modelFailed', { error: state.error })}
        </p>
      ) : null}
      {state.status === 'ready' ? <LoadedNetwork loaded={state.loaded} /> : null}
    </section>
  );
}

function LoadedNetwork({ loaded }: { loaded: LoadedModel }) {
  const t = useTranslations('learn.perceive');
  const [samples, setSamples] = useState<SamplesState>({ status: 'loading', progress: 0 });
  const inputShape = (loaded.model.inputs[0]?.shape.slice(1) ?? []) as number[];

  useEffect(() => {
    let live = true;
    (async () => {
      const inputShape = loaded.model.inputs[0]?.shape.slice(1) as [number, number, number];
      const ref = loaded.dataset ?? { hash: '', shape: inputShape, name: '' };
      // The untrained network has no data of its own: MNIST is the smallest download that fits it.
      const found = loaded.dataset ? await findDatasetFor(ref) : { id: 'mnist', name: 'MNIST', exact: false };
      if (!found) {
        if (live) setSamples({ status: 'missing' });
        return;
      }
      const { samples: list, shape } = await loadDatasetSamples(found.id, SAMPLE_COUNT, (progress) => live && setSamples({ status: 'loading', progress }));
      if (live) setSamples({ status: 'ready', samples: list, shape, datasetName: found.name, exact: found.exact || !loaded.dataset });
    })().catch((e: unknown) => live && setSamples({ status: 'failed', error: e instanceof Error ? e.message : String(e) }));
    return () => {
      live = false;
    };
  }, [loaded]);

  return (
    <>
      <p className="perceive-summary">
        {loaded.trained ? t('trainedSummary', { name: loaded.name, dataset: loaded.dataset?.name ?? '—' }) : t('untrainedSummary', { name: loaded.name })}
      </p>
      <LearnedKernelsView model={loaded.model} />
      {samples.status === 'loading' ? (
        <p className="muted" role="status">
          {t('loadingSamples', { percent: Math.round(samples.progress * 100) })}
        </p>
      ) : samples.status === 'missing' ? (
        <p className="lesson-notice">{t('datasetMissing', { name: loaded.dataset?.name ?? '—' })}</p>
      ) : samples.status === 'failed' ? (
        <p className="error-text" role="alert">
          {t('samplesFailed', { error: samples.error })}
        </p>
      ) : (
        <>
          {!samples.exact ? <p className="lesson-notice">{t('similarDataset', { name: samples.datasetName, original: loaded.dataset?.name ?? '—' })}</p> : null}
          {samples.shape.join('×') === inputShape.join('×') ? (
            <FeatureMapsView model={loaded.model} shape={samples.shape} samples={samples.samples} />
          ) : (
            <p className="error-text" role="alert">
              {t('shapeMismatch', { model: inputShape.join('×'), data: samples.shape.join('×') })}
            </p>
          )}
        </>
      )}
    </>
  );
}
