import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locale } from '../../lib/i18n/config';
import type { Messages } from '../../lib/i18n/messages';

// The app's own message files, so tests find controls by the names a user sees in
// either language. Read from disk: Playwright's loader needs import attributes for JSON.
const areas = ['common', 'editor', 'train', 'data', 'learn', 'layers'] as const;

export function messagesFor(locale: Locale): Messages {
  const dir = path.join(import.meta.dirname, '..', '..', 'lib', 'i18n', 'messages', locale);
  return Object.fromEntries(areas.map((a) => [a, JSON.parse(readFileSync(path.join(dir, `${a}.json`), 'utf8'))])) as Messages;
}
