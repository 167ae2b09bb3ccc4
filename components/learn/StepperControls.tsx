'use client';

import { useTranslations } from 'next-intl';
import { useId } from 'react';
import { Icon } from './icons';
import { speeds, type Stepper } from './useStepper';

export function StepperControls({ stepper }: { stepper: Stepper }) {
  const t = useTranslations('learn.stepper');
  const speedId = useId();
  const { position, total, playing } = stepper;
  return (
    <div className="stepper" role="group" aria-label={t('label')}>
      <button type="button" onClick={stepper.toStart} disabled={position === 0} aria-label={t('toStart')} title={t('toStart')}>
        <Icon name="toStart" />
      </button>
      <button type="button" onClick={stepper.back} disabled={position === 0} aria-label={t('back')} title={t('back')}>
        <Icon name="back" />
      </button>
      {playing ? (
        <button type="button" className="primary" onClick={stepper.pause}>
          <Icon name="pause" /> {t('pause')}
        </button>
      ) : (
        <button type="button" className="primary" onClick={stepper.play}>
          <Icon name="play" /> {t('play')}
        </button>
      )}
      <button type="button" onClick={stepper.forward} disabled={position >= total} aria-label={t('forward')} title={t('forward')}>
        <Icon name="forward" />
      </button>
      <button type="button" onClick={stepper.toEnd} disabled={position >= total} aria-label={t('toEnd')} title={t('toEnd')}>
        <Icon name="toEnd" />
      </button>
      <span className="inline-field stepper-speed">
        <label htmlFor={speedId}>{t('speed')}</label>
        <input
          id={speedId}
          type="range"
          min={0}
          max={speeds.length - 1}
          step={1}
          value={stepper.speedIndex}
          onChange={(e) => stepper.setSpeedIndex(Number(e.target.value))}
          aria-valuetext={t('speedValue', { steps: speeds[stepper.speedIndex] ?? 2 })}
        />
        <span className="muted">{t('speedValue', { steps: speeds[stepper.speedIndex] ?? 2 })}</span>
      </span>
      <span className="stepper-position muted">{t('position', { position, total })}</span>
    </div>
  );
}
