'use client';

import { useTranslations } from 'next-intl';
import { memo, useId } from 'react';
import {
  defaultHyperparameters,
  optimizers,
  type HyperparameterField,
  type HyperparameterIssue,
  type OptimizerName,
} from '@/lib/train/page/hyperparameters';

/** The form as typed: numbers stay text until checked, so a half-typed "0." is not lost. */
export interface HyperparameterDraft {
  optimizer: string;
  learningRate: string;
  batchSize: string;
  epochs: string;
  validationSplit: string;
  shuffle: boolean;
  seed: string;
  trainLimit: string;
}

export const defaultDraft: HyperparameterDraft = {
  optimizer: defaultHyperparameters.optimizer,
  learningRate: String(defaultHyperparameters.learningRate),
  batchSize: String(defaultHyperparameters.batchSize),
  epochs: String(defaultHyperparameters.epochs),
  validationSplit: String(defaultHyperparameters.validationSplit),
  shuffle: defaultHyperparameters.shuffle,
  seed: String(defaultHyperparameters.seed),
  trainLimit: '',
};

const toNumber = (text: string): number | string => (text.trim() === '' ? text : Number(text));

/** The draft in the shape validateHyperparameters reads. */
export function draftValues(draft: HyperparameterDraft): Record<string, unknown> {
  return {
    optimizer: draft.optimizer,
    learningRate: toNumber(draft.learningRate),
    batchSize: toNumber(draft.batchSize),
    epochs: toNumber(draft.epochs),
    validationSplit: toNumber(draft.validationSplit),
    shuffle: draft.shuffle,
    seed: toNumber(draft.seed),
    trainLimit: draft.trainLimit.trim() === '' ? undefined : Number(draft.trainLimit),
  };
}

interface Props {
  draft: HyperparameterDraft;
  issues: HyperparameterIssue[];
  disabled: boolean;
  onChange(draft: HyperparameterDraft): void;
}

const numberFields: Array<{ field: Exclude<HyperparameterField, 'optimizer' | 'shuffle'>; step: string; min: string }> = [
  { field: 'learningRate', step: 'any', min: '0' },
  { field: 'batchSize', step: '1', min: '1' },
  { field: 'epochs', step: '1', min: '1' },
  { field: 'validationSplit', step: '0.05', min: '0' },
  { field: 'trainLimit', step: '1', min: '1' },
  { field: 'seed', step: '1', min: '0' },
];

function HyperparameterFormInner({ draft, issues, disabled, onChange }: Props) {
  const t = useTranslations('train.hyper');
  const id = useId();
  const issueOf = (field: HyperparameterField) => issues.find((i) => i.field === field);
  const issueText = (issue: HyperparameterIssue) => (t.has(`issues.${issue.code}`) ? t(`issues.${issue.code}`, issue.values) : issue.message);

  return (
    <fieldset className="train-form" disabled={disabled}>
      <legend>{t('title')}</legend>
      <label htmlFor={`${id}-optimizer`}>{t('optimizer')}</label>
      <select id={`${id}-optimizer`} value={draft.optimizer} onChange={(e) => onChange({ ...draft, optimizer: e.target.value as OptimizerName })}>
        {optimizers.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
      {numberFields.map(({ field, step, min }) => {
        const issue = issueOf(field);
        return (
          <div key={field} className="train-field">
            <label htmlFor={`${id}-${field}`}>{t(field)}</label>
            <input
              id={`${id}-${field}`}
              type="number"
              inputMode="decimal"
              step={step}
              min={min}
              value={draft[field]}
              placeholder={field === 'trainLimit' ? t('trainLimitAll') : undefined}
              aria-invalid={issue ? true : undefined}
              aria-describedby={issue ? `${id}-${field}-issue` : undefined}
              onChange={(e) => onChange({ ...draft, [field]: e.target.value })}
            />
            {issue ? (
              <span id={`${id}-${field}-issue`} className="error-text train-field-issue">
                {issueText(issue)}
              </span>
            ) : null}
          </div>
        );
      })}
      <label className="train-check">
        <input type="checkbox" checked={draft.shuffle} onChange={(e) => onChange({ ...draft, shuffle: e.target.checked })} /> {t('shuffle')}
      </label>
    </fieldset>
  );
}

/** Memoised: the panel re-renders about ten times a second while training; this part only when its props change. */
export const HyperparameterForm = memo(HyperparameterFormInner);
