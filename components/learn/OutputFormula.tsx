'use client';

import { useTranslations } from 'next-intl';
import { outputLength } from '@/lib/learn/convolve';

interface Dimension {
  size: number;
  kernel: number;
  stride: number;
  before: number;
  after: number;
}

function FormulaLine({ label, d }: { label: string; d: Dimension }) {
  const p = d.before + d.after;
  const out = outputLength(d.size, d.kernel, d.stride, p);
  return (
    <p className="formula">
      <span className="formula-label">{label}</span>{' '}
      <span className="mono">
        ⌊(n + p − k) / s⌋ + 1 = ⌊({d.size} + {p} − {d.kernel}) / {d.stride}⌋ + 1 = <strong>{out}</strong>
      </span>
    </p>
  );
}

/** The output-size formula written out with this lesson's numbers, per dimension when they differ. */
export function OutputFormula({ rows, cols }: { rows: Dimension; cols: Dimension }) {
  const t = useTranslations('learn.formula');
  const same = rows.size === cols.size && rows.kernel === cols.kernel && rows.stride === cols.stride && rows.before === cols.before && rows.after === cols.after;
  return (
    <div className="formula-box">
      {same ? (
        <FormulaLine label={t('size')} d={rows} />
      ) : (
        <>
          <FormulaLine label={t('height')} d={rows} />
          <FormulaLine label={t('width')} d={cols} />
        </>
      )}
      <p className="muted formula-legend">{t('legend')}</p>
    </div>
  );
}
