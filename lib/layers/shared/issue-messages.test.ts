// The shape errors of the normalisation, activation and merge types are shown
// in the user's language: each code has a message in both languages that uses
// only the values the error carries.
import { describe, expect, it } from 'vitest';
import { messagesByLocale } from '../../i18n/messages';
import { LayerNormalization } from '../LayerNormalization';
import { Multiply } from '../Multiply';
import { Softmax } from '../Softmax';

const problems = [
  LayerNormalization.outputShape([[28, 28, 16]], { axis: 4, epsilon: 0.001 }),
  Softmax.outputShape([[4, 4, 3]], { axis: 5 }),
  Softmax.outputShape([[4, 4, 3]], { axis: 1 }),
  Multiply.outputShape([[4], [5]], {}),
].map((r) => (r.ok ? null : r.problem));

describe('shape errors of the new types in both languages', () => {
  it.each(['en', 'zh-CN'] as const)('%s', (locale) => {
    const issues = (messagesByLocale[locale] as unknown as { editor: { issues: Record<string, string> } }).editor.issues;
    for (const problem of problems) {
      expect(problem).not.toBeNull();
      const text = issues[problem!.code];
      expect(text, `editor.issues.${problem!.code}`).toBeTruthy();
      const placeholders = [...text!.matchAll(/\{(\w+)/g)].map((m) => m[1]);
      for (const name of placeholders) expect(Object.keys(problem!.values), `${problem!.code}: {${name}}`).toContain(name);
    }
  });
});
