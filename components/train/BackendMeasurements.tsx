'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { fastestMeasurement, type BackendMeasurement } from '@/lib/train/measurements';
import type { BackendName } from '@/lib/train/backendNames';

/** What the autotune measured on the user's model, fastest marked, failures with their reason. */
interface Props {
  measurements: BackendMeasurement[];
  chosen: BackendName | null;
  /** When the figures were measured, if they were kept from an earlier start. */
  measuredAt: number | null;
  /** Forget kept figures, so the next start measures again (absent while training). */
  onMeasureAgain?: () => void;
}

export function BackendMeasurements({ measurements, chosen, measuredAt, onMeasureAgain }: Props) {
  const t = useTranslations('train');
  const format = useFormatter();
  // Named once the choice is made (while measuring, the fastest so far may not stay so).
  const best = chosen === null ? null : fastestMeasurement(measurements);
  // A lone candidate started untimed is used, not measured fastest.
  const fastest = best?.untimed ? null : best;
  return (
    <div className="train-measurements">
      <span className="muted">{t('status.measurements.title')}:</span>
      <ul aria-label={t('status.measurements.title')}>
        {measurements.map((m) => (
          <li key={m.backend} data-backend={m.backend} className={m === fastest ? 'fastest' : m.error ? 'failed' : m.skipped ? 'skipped' : undefined} title={m.error}>
            <strong>{t(`backend.names.${m.backend}`)}</strong>{' '}
            {m.error ? (
              <span className="muted">{t('status.measurements.failed', { error: m.error })}</span>
            ) : m.skipped === 'softwareGpu' ? (
              <span className="muted">{t('status.measurements.softwareGpu', { device: m.device ?? '' })}</span>
            ) : m.skipped === 'slowerThanWasm' ? (
              <span className="muted">{t('status.measurements.slowerThanWasm')}</span>
            ) : m.untimed ? (
              <span className="muted">{t('status.measurements.untimed')}</span>
            ) : (
              <span data-testid="samples-per-sec" data-value={m.samplesPerSec}>
                {format.number(m.samplesPerSec, { maximumFractionDigits: m.samplesPerSec >= 100 ? 0 : 1, minimumFractionDigits: m.samplesPerSec >= 100 ? 0 : 1 })}
              </span>
            )}
            {m.probeOnly ? <span className="muted"> ({t('status.measurements.probe')})</span> : null}
            {m === fastest ? <span className="train-measure-tag"> · {t('status.measurements.fastest')}</span> : null}
            {m.backend === chosen && m !== fastest ? <span className="train-measure-tag"> · {t('status.measurements.used')}</span> : null}
          </li>
        ))}
      </ul>
      {measuredAt !== null ? (
        <span className="muted">
          {t('status.measurements.kept', { when: format.dateTime(new Date(measuredAt), { dateStyle: 'medium', timeStyle: 'short' }) })}{' '}
          {onMeasureAgain ? (
            <button type="button" className="link-button" onClick={onMeasureAgain}>
              {t('status.measurements.again')}
            </button>
          ) : null}
        </span>
      ) : null}
    </div>
  );
}
