import type { ParamField } from '@/lib/layers/shared/fields';

export type { ParamField };

/** Text as typed -> the value the schema checks. Anything unparseable passes through as text, so the schema names it. */
export function parseFieldText(field: ParamField, text: string): unknown {
  const trimmed = text.trim();
  const num = (s: string) => (s.trim() === '' || Number.isNaN(Number(s)) ? s.trim() : Number(s));
  switch (field.kind) {
    case 'int':
      return num(trimmed);
    case 'number':
      if (trimmed === '' && field.optional) return undefined;
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

