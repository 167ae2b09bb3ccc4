// Label values -> class indices, and checks on user-given class names.
import { dataError } from './errors';
import type { DataError, ParseResult } from './types';

export interface LabelMapping {
  /** class index -> the original label value, as a name the user can rename */
  classNames: string[];
  /** original label value -> class index */
  indexOf: Map<string, number>;
}

/**
 * Sorts the distinct label values (numerically when all are numbers) and gives
 * them consecutive class indices, so sign-language MNIST's 0-24 without 9
 * becomes 24 classes named "0".."8","10".."24".
 */
export function mapLabels(values: Iterable<string>): LabelMapping {
  const distinct = [...new Set(values)];
  const numeric = distinct.every((v) => v.trim() !== '' && Number.isFinite(Number(v)));
  distinct.sort(numeric ? (a, b) => Number(a) - Number(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { classNames: distinct, indexOf: new Map(distinct.map((v, i) => [v, i])) };
}

export function validateClassNames(names: string[], count: number, file: string): ParseResult<string[]> {
  const errors: DataError[] = [];
  if (names.length !== count) errors.push(dataError(file, 'classNamesCount', { expected: count, actual: names.length }));
  const trimmed = names.map((n) => n.trim());
  trimmed.forEach((n, i) => {
    if (n === '') errors.push(dataError(file, 'classNameEmpty', {}, { entry: `class ${i + 1}` }));
    else if (trimmed.indexOf(n) !== i) errors.push(dataError(file, 'classNameDuplicate', { name: n }, { entry: `class ${i + 1}` }));
  });
  return errors.length ? { ok: false, errors } : { ok: true, value: trimmed };
}
