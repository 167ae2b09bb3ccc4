// Small Python literal writers for the layers' Keras code (strings go
// through lib/codegen/python's pythonString, never these).
import { pythonString } from '../../codegen/python';

export { pythonString };

export const pyTuple = (values: readonly number[]) => `(${values.join(', ')}${values.length === 1 ? ',' : ''})`;
export const pyBool = (value: boolean) => (value ? 'True' : 'False');
export const pyNumber = (value: number) => String(value);
/** `None` for a missing value. */
export const pyOptional = (value: number | null | undefined) => (value === null || value === undefined ? 'None' : pyNumber(value));

/**
 * An activation as Keras takes it: tfjs's names where Keras spells them
 * differently (hardSigmoid is Keras's 'hard_sigmoid'), and tfjs's gelu_new
 * (the tanh approximation) as Keras's gelu(approximate=True), which has no name
 * of its own. Every other name is the same in both.
 */
export function pyActivation(name: string): string {
  if (name === 'hardSigmoid') return pythonString('hard_sigmoid');
  if (name === 'gelu_new') return 'lambda x: keras.activations.gelu(x, approximate=True)';
  return pythonString(name);
}
