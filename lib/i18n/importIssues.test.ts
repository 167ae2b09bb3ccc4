// The editor's Import JSON dialog says each document problem in the user's
// language: every issue code has a message in both languages, and the English
// one says what the schema says.
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { parseArchitectureDocument, parseArchitectureJson, schemaIssueCodes, valueKinds, type SchemaIssue } from '../schema';
import { templateDocument } from '../templates';
import { messagesByLocale } from './messages';

const locales = ['en', 'zh-CN'] as const;

/** What components/editor/Toolbar.tsx shows for an issue. */
function shown(issue: SchemaIssue, locale: (typeof locales)[number]): string {
  const texts = messagesByLocale[locale].editor.import;
  const template = (texts.issues as Record<string, string>)[issue.code!]!;
  const values = { ...issue.values };
  if (typeof values.expected === 'string') values.expected = (texts.kinds as Record<string, string>)[values.expected]!;
  if (values.got === 'nothing') values.got = texts.nothing;
  return String(new IntlMessageFormat(template, locale).format(values));
}

function issuesOf(doc: unknown): SchemaIssue[] {
  const result = parseArchitectureDocument(doc);
  return result.ok ? [] : result.issues;
}

describe('document issues in the user’s language', () => {
  it('every issue code and value kind has a message in both languages', () => {
    for (const locale of locales) {
      const texts = messagesByLocale[locale].editor.import;
      expect(Object.keys(texts.issues).sort(), locale).toEqual([...schemaIssueCodes].sort());
      expect(Object.keys(texts.kinds).sort(), locale).toEqual([...valueKinds].sort());
    }
  });

  it('says a missing targetHandle into a merge layer in English as the schema does, and in Chinese', () => {
    const doc = JSON.parse(JSON.stringify(templateDocument('residual'))) as { edges: { id: string; targetHandle?: string }[] };
    delete doc.edges.find((e) => e.id === 'e5')!.targetHandle;
    const [issue] = issuesOf(doc);
    expect(issue!.code).toBe('handleMissingMerge');
    expect(shown(issue!, 'en')).toBe(issue!.message);
    expect(shown(issue!, 'zh-CN')).toBe('缺失：add（Add）接受多个输入；请说明这条连线接入哪一个（in0、in1、…）');
  });

  it('renders every coded issue of a badly broken document in both languages without leftovers', () => {
    const doc = JSON.parse(JSON.stringify(templateDocument('course-cnn'))) as Record<string, unknown> & { nodes: Record<string, unknown>[]; edges: Record<string, unknown>[] };
    delete doc.nodes[1]!.position;
    doc.nodes[2]!.position = 'left';
    doc.nodes[3]!.id = 'bad id';
    doc.nodes[4]!.extra = true;
    doc.edges[1]!.targetHandle = 7;
    // Checks across the document run once every node and edge parses.
    const wired = JSON.parse(JSON.stringify(templateDocument('course-cnn'))) as { edges: Record<string, unknown>[] };
    wired.edges[0]!.target = 'nowhere';
    wired.edges.push({ ...wired.edges[2]!, targetHandle: undefined });
    const notJson = parseArchitectureJson('{');
    const issues = [...issuesOf(doc), ...issuesOf(wired), ...(notJson.ok ? [] : notJson.issues)];
    const codes = issues.map((i) => i.code);
    expect(codes).toEqual(expect.arrayContaining(['missing', 'wrongType', 'badId', 'unknownField', 'noSuchNode', 'handleInvalid', 'duplicateEdgeId', 'handleMissingShared', 'notJson']));
    for (const issue of issues) {
      expect(issue.code, issue.message).toBeDefined();
      expect(shown(issue, 'en')).toBe(issue.message);
      const zh = shown(issue, 'zh-CN');
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
      expect(zh).not.toMatch(/[{}]\w+[{}]|nothing/);
    }
  });
});
