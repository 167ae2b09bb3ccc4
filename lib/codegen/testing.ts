// Test helper: Python's own parser as the judge of generated code.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';

export const hasPython = spawnSync('python3', ['--version']).status === 0;

export interface ParsedPython {
  /** Null when the file parses; else Python's SyntaxError text. */
  error: string | null;
  /** Each top-level statement as ast.dump, string constants replaced by '?' and variables numbered by first use. */
  skeleton: string[];
  /** Every string constant in the file, in source order, exactly as Python reads it. */
  strings: string[];
  /** Every comment token, as the tokenizer sees it. */
  comments: string[];
}

const judge = String.raw`
import ast, io, json, sys, tokenize

class Blank(ast.NodeTransformer):
    # Variables are numbered by first use, so two exports with other names but the same wiring compare equal.
    def __init__(self):
        self.names = {}
    def visit_Constant(self, node):
        return ast.Constant(value='?') if isinstance(node.value, str) else node
    def visit_Name(self, node):
        return ast.Name(id=self.names.setdefault(node.id, 'v%d' % len(self.names)), ctx=node.ctx)

out = []
for path in sys.argv[1:]:
    source = open(path, encoding='utf-8').read()
    try:
        tree = ast.parse(source)
    except SyntaxError as e:
        out.append({'error': str(e), 'skeleton': [], 'strings': [], 'comments': []})
        continue
    ordered = []
    for stmt in tree.body:
        for n in ast.walk(stmt):
            if isinstance(n, ast.Constant) and isinstance(n.value, str):
                ordered.append((n.lineno, n.col_offset, n.value))
    ordered.sort()
    comments = [t.string for t in tokenize.generate_tokens(io.StringIO(source).readline) if t.type == tokenize.COMMENT]
    blank = Blank()
    skeleton = [ast.dump(blank.visit(stmt)) for stmt in tree.body]
    out.append({'error': None, 'skeleton': skeleton, 'strings': [v for _, _, v in ordered], 'comments': comments})
# ensure_ascii: lone surrogates and astral characters come back as \u escapes JSON.parse reads exactly.
sys.stdout.write(json.dumps(out, ensure_ascii=True))
`;

/** Parses many Python sources with one python3 process (written as UTF-8, as a download is). */
export function parsePython(sources: readonly string[]): ParsedPython[] {
  const dir = mkdtempSync(join(tmpdir(), 'cnn-studio-py-'));
  try {
    const paths = sources.map((source, i) => {
      // A lone surrogate would be written as U+FFFD and hide the bug: refuse it here.
      if (/\p{Cs}/u.test(source)) throw new Error(`source ${i} holds a lone surrogate and cannot be saved as UTF-8`);
      const path = join(dir, `case${i}.py`);
      writeFileSync(path, source, 'utf8');
      return path;
    });
    const script = join(dir, 'judge.py');
    writeFileSync(script, judge, 'utf8');
    const stdout = execFileSync('python3', [script, ...paths], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    return JSON.parse(stdout) as ParsedPython[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Characters that end a line somewhere in Python, or break quoting, or cannot be stored as UTF-8. */
export const nastyPieces = [
  '\r', '\n', '\r\n', '\x0b', '\x0c', '\x1c', '\x1d', '\x1e', '\x85', '\u2028', '\u2029', '\0', '\x7f',
  "'", '"', '\\', "'''", '"""', '#', '\\\n', '\ud800', '\udbff', '\udc00', '\udfff', '\ufeff', '\u202e', '\u{1f600}',
  'print("INJECTED")', "\rprint('INJECTED')", '\nimport os; os.system("x")\n', '名字', 'ß',
];

/** Arbitrary Unicode (any code point, lone surrogates too) mixed with the nasty pieces above. */
export const anyText = (opts: { minLength?: number; maxLength?: number } = {}) =>
  fc.string({
    minLength: opts.minLength ?? 0,
    maxLength: opts.maxLength ?? 24,
    unit: fc.oneof(
      { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 4 },
      { arbitrary: fc.constantFrom(...nastyPieces), weight: 3 },
      { arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((u) => String.fromCharCode(u)), weight: 1 },
      { arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }), weight: 2 },
    ),
  });
