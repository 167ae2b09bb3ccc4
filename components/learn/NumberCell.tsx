'use client';

import { useState } from 'react';
import { formatValue, parseNumber } from '@/lib/learn/format';

/**
 * A number field that keeps what the user is typing ("-", ".") until it
 * parses, and follows outside changes (a preset, the neuron view) otherwise.
 */
export function NumberCell({
  value,
  onChange,
  label,
  className,
}: {
  value: number;
  onChange: (value: number) => void;
  label: string;
  className?: string;
}) {
  const [text, setText] = useState(formatValue(value));
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    // Adjusting state while rendering (React's documented pattern) instead of an effect.
    setSeen(value);
    if (parseNumber(text) !== value) setText(formatValue(value));
  }
  const parsed = parseNumber(text);
  return (
    <input
      className={`number-cell ${className ?? ''}`}
      aria-label={label}
      inputMode="decimal"
      value={text}
      aria-invalid={parsed === null ? 'true' : 'false'}
      onChange={(e) => {
        setText(e.target.value);
        const next = parseNumber(e.target.value);
        if (next !== null) {
          setSeen(next);
          onChange(next);
        }
      }}
      onBlur={() => {
        if (parseNumber(text) === null) setText(formatValue(value));
      }}
    />
  );
}
