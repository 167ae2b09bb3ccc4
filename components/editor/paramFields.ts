import { activations, type ActivationName } from '@/lib/graph/layers/params';
import type { LayerType } from '@/lib/graph';

/** How the inspector edits each param: the values themselves are validated by the layer's own schema. */
export type ParamField =
  | { key: string; kind: 'int' }
  | { key: string; kind: 'number'; step: number }
  | { key: string; kind: 'pair'; optional?: boolean }
  | { key: string; kind: 'intList' }
  | { key: string; kind: 'select'; options: readonly string[] }
  | { key: string; kind: 'boolean' };

const activation = { key: 'activation', kind: 'select', options: activations } as const satisfies ParamField;
const padding = { key: 'padding', kind: 'select', options: ['valid', 'same'] } as const satisfies ParamField;
const pooling: ParamField[] = [{ key: 'poolSize', kind: 'pair' }, { key: 'strides', kind: 'pair', optional: true }, padding];

export const paramFields: Record<LayerType, ParamField[]> = {
  Input: [{ key: 'shape', kind: 'intList' }],
  Conv2D: [
    { key: 'filters', kind: 'int' },
    { key: 'kernelSize', kind: 'pair' },
    { key: 'strides', kind: 'pair' },
    padding,
    activation,
    { key: 'useBias', kind: 'boolean' },
  ],
  MaxPooling2D: pooling,
  AveragePooling2D: pooling,
  GlobalAveragePooling2D: [],
  Dropout: [{ key: 'rate', kind: 'number', step: 0.05 }],
  BatchNormalization: [
    { key: 'momentum', kind: 'number', step: 0.01 },
    { key: 'epsilon', kind: 'number', step: 0.0001 },
  ],
  Flatten: [],
  Dense: [{ key: 'units', kind: 'int' }, activation, { key: 'useBias', kind: 'boolean' }],
  Activation: [activation],
  Add: [],
  Concatenate: [{ key: 'axis', kind: 'int' }],
};

/** Text as typed -> the value the schema checks. Anything unparseable passes through as text, so the schema names it. */
export function parseFieldText(field: ParamField, text: string): unknown {
  const trimmed = text.trim();
  const num = (s: string) => (s.trim() === '' || Number.isNaN(Number(s)) ? s.trim() : Number(s));
  switch (field.kind) {
    case 'int':
    case 'number':
      return num(trimmed);
    case 'pair': {
      if (trimmed === '' && field.optional) return undefined;
      const parts = trimmed.split(/[,×x\s]+/).filter(Boolean);
      if (parts.length === 2) return parts.map(num);
      return num(trimmed);
    }
    case 'intList':
      return trimmed.split(/[,×x\s]+/).filter(Boolean).map(num);
    default:
      return trimmed;
  }
}

export function formatFieldValue(value: unknown): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

export type { ActivationName };
