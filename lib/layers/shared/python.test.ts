import { describe, expect, it } from 'vitest';
import { Activation } from '../Activation';
import { Dense } from '../Dense';
import { activations } from './params';
import { pyActivation } from './python';

describe('pyActivation', () => {
  it('writes every activation the inspector offers as something Keras accepts', () => {
    // Keras's names: tfjs's hardSigmoid is 'hard_sigmoid'; tfjs's gelu_new
    // (the tanh approximation) has no Keras name, only gelu(approximate=True).
    const keras: Record<string, string> = { hardSigmoid: "'hard_sigmoid'", gelu_new: 'lambda x: keras.activations.gelu(x, approximate=True)' };
    for (const name of activations) expect(pyActivation(name)).toBe(keras[name] ?? `'${name}'`);
  });

  it('is what the layers with an activation write', () => {
    expect(Activation.keras({ activation: 'gelu_new' }, "'act1'")).toBe("layers.Activation(lambda x: keras.activations.gelu(x, approximate=True), name='act1')");
    expect(Dense.keras({ units: 10, activation: 'hardSigmoid', useBias: true }, "'d'")).toBe("layers.Dense(10, activation='hard_sigmoid', use_bias=True, name='d')");
    expect(Dense.keras({ units: 10, activation: 'mish', useBias: true }, "'d'")).toBe("layers.Dense(10, activation='mish', use_bias=True, name='d')");
  });
});
