import type { ParamField } from '@/lib/layers/shared/fields';
import { sidesText, toSides } from '@/lib/layers/shared/sides';

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
    case 'sides': {
      // Brackets are optional, so Keras's own ((1, 2), (3, 4)) pastes in as is.
      const parts = trimmed.split(/[,×x\s()[\]]+/).filter(Boolean).map(num);
      if (parts.length === 1) return parts[0];
      if (parts.length === 2) return parts;
      if (parts.length === 4) return [parts.slice(0, 2), parts.slice(2)];
      return trimmed;
    }
    default:
      return trimmed;
  }
}

export function formatFieldValue(value: unknown): string {
  if (value === undefined) return '';
  // Padding and cropping are stored per side; shown in the shortest form that says the same.
  const sides = Array.isArray(value) && value.every(Array.isArray) ? toSides(value) : null;
  if (sides) return sidesText(sides);
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

