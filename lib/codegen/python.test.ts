import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pythonComment, pythonString } from './python';
import { anyText, hasPython, parsePython } from './testing';

describe('pythonString / pythonComment by example', () => {
  it('writes only printable ASCII, escaping what would end a line', () => {
    expect(pythonString('Nice CNN\rprint("INJECTED")')).toBe(`'Nice CNN\\rprint("INJECTED")'`);
    expect(pythonString("it's \\ \u2028 \x85 \ud800 \u{1f600}")).toBe("'it\\'s \\\\ \\u2028 \\x85 \\ud800 \\U0001f600'");
  });

  it('keeps a comment on its line but leaves readable text readable', () => {
    expect(pythonComment('Nice CNN\rprint("INJECTED")')).toBe('Nice CNN\\rprint("INJECTED")');
    expect(pythonComment('手语 CNN ✓ \u2029 \u202e \ud800')).toBe('手语 CNN ✓ \\u2029 \\u202e \\ud800');
  });
});

describe.skipIf(!hasPython)('pythonString / pythonComment judged by python3 (skipped: python3 is not installed)', () => {
  it('any Unicode text becomes one string literal whose value is exactly that text', () => {
    const texts = fc.sample(anyText({ maxLength: 40 }), { numRuns: 400, seed: 7 });
    const [parsed] = parsePython([texts.map((t) => `x = ${pythonString(t)}\n`).join('')]);
    expect(parsed!.error).toBeNull();
    expect(parsed!.skeleton).toHaveLength(texts.length);
    expect(parsed!.strings).toEqual(texts);
  });

  it('any Unicode text in a comment stays one comment: the next line is the only statement', () => {
    const texts = fc.sample(anyText({ maxLength: 40 }), { numRuns: 400, seed: 11 });
    const results = parsePython(texts.map((t) => `# ${pythonComment(t)}\nx = 1\n`));
    results.forEach((r, i) => {
      const shown = JSON.stringify(texts[i]);
      expect(r.error, shown).toBeNull();
      expect(r.skeleton, shown).toHaveLength(1);
      expect(r.comments, shown).toEqual([`# ${pythonComment(texts[i]!)}`]);
    });
  });
});
