// The one way a string from a document (a name, an id, anything a user or a
// shared link controls) enters generated Python. Generated code treats the
// document as untrusted: a name like `Nice CNN\rprint("x")` must stay a name.
//
// Python ends a source line at \r, \n or \r\n, str.splitlines() also at \x0b,
// \x0c, \x1c-\x1e, \x85, \u2028 and \u2029, and a UTF-8 source file cannot hold
// a lone surrogate at all. So a literal is written in printable ASCII only,
// every other code point as an escape, and a comment keeps only characters
// that are neither controls, format characters, separators, surrogates,
// private-use nor unassigned.

function escapeCodePoint(cp: number): string {
  const hex = (digits: number) => cp.toString(16).padStart(digits, '0');
  if (cp === 0x0a) return '\\n';
  if (cp === 0x0d) return '\\r';
  if (cp === 0x09) return '\\t';
  if (cp < 0x100) return `\\x${hex(2)}`;
  if (cp < 0x10000) return `\\u${hex(4)}`;
  return `\\U${hex(8)}`;
}

/**
 * A single-quoted Python string literal whose value is exactly `value`
 * (lone surrogates included), written in printable ASCII.
 */
export function pythonString(value: string): string {
  let out = "'";
  // for..of walks code points; a lone surrogate comes as one unit.
  for (const ch of value) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (cp >= 0x20 && cp <= 0x7e) out += ch;
    else out += escapeCodePoint(cp);
  }
  return `${out}'`;
}

// \p{C}: controls (\r, \n, \x85, …), format characters (bidi overrides, BOM),
// surrogates, private use, unassigned; \p{Zl}/\p{Zp}: \u2028, \u2029.
const unsafeInComment = /[\p{C}\p{Zl}\p{Zp}]/gu;

/**
 * Text for the rest of a `# ` comment line: readable (letters of any script
 * stay), but it cannot end the line, so nothing after it can become code.
 * Unsafe characters show as their escapes, e.g. `\r`.
 */
export function pythonComment(text: string): string {
  return text.replace(unsafeInComment, (ch) => escapeCodePoint(ch.codePointAt(0)!));
}
