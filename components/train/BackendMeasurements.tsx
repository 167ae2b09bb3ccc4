'use client';

import { useTranslations } from 'next-intl';
import type { BackendMeasurement } from '@/lib/train/autotune';
import type { BackendName } from '@/lib/train/backendNames';

/** What the autotune measured on the user's model, fastest marked, failures with their reason. */
export function BackendMeasurements({ measurements, chosen }: { measurements: BackendMeasurement[]; chosen: BackendName | null }) {
  const t = useTranslations('train');
  const fastest = measurements.reduce<BackendMeasurement | null>((a, m) => (!m.error && m.samplesPerSec > 0 && (!a || m.samplesPerSec > a.samplesPerSec) ? m : a), null);
  return (
    <div className="train-measurements">
      <span className="muted">{t('status.measurements.title')}:</span>
      <ul aria-label={t('status.measurements.title')}>
        {measurements.map((m) => (
          <li key={m.backend} data-backend={m.backend} className={m === fastest ? 'fastest' : m.error ? 'failed' : undefined} title={m.error}>
            <strong>{t(`backend.names.${m.backend}`)}</strong>{' '}
            {m.error ? (
              <span className="muted">{t('status.measurements.failed', { error: m.error })}</span>
            ) : (
              <span data-testid="samples-per-sec">{formatRate(m.samplesPerSec)}</span>
            )}
            {m.probeOnly ? <span className="muted"> ({t('status.measurements.probe')})</span> : null}
            {m === fastest ? <span className="train-measure-tag"> · {t('status.measurements.fastest')}</span> : null}
            {m.backend === chosen && m !== fastest ? <span className="train-measure-tag"> · {t('status.measurements.used')}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

function formatRate(samplesPerSec: number): string {
  return samplesPerSec >= 100 ? String(Math.round(samplesPerSec)) : samplesPerSec.toFixed(1);
}
