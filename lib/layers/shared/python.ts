// Small Python literal writers for the layers' Keras code (strings go
// through lib/codegen/python's pythonString, never these).
export { pythonString } from '../../codegen/python';

export const pyTuple = (values: readonly number[]) => `(${values.join(', ')}${values.length === 1 ? ',' : ''})`;
export const pyBool = (value: boolean) => (value ? 'True' : 'False');
export const pyNumber = (value: number) => String(value);
/** `None` for a missing value. */
export const pyOptional = (value: number | null | undefined) => (value === null || value === undefined ? 'None' : pyNumber(value));
