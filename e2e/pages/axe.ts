import AxeBuilder from '@axe-core/playwright';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';

export const languages = [
  { locale: 'en', name: 'English' },
  { locale: 'zh-CN', name: 'Chinese' },
] as const;
export type Language = (typeof languages)[number];

/** Sets the language cookie the app reads (next-intl's NEXT_LOCALE), before any page loads. */
export async function useLanguage(context: BrowserContext, baseURL: string, locale: Language['locale']) {
  await context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: baseURL }]);
}

export interface AxeCounts {
  critical: number;
  serious: number;
  moderate: number;
  minor: number;
}

/**
 * Runs axe-core (every rule it has on by default) on the page as it is now.
 * Fails on critical and serious violations, naming each rule and the elements it
 * found; moderate and minor ones are printed and attached to the report, not failed.
 * One line per state, "axe <state>: critical 0, serious 0, moderate 1, minor 0",
 * so counts can be compared between runs.
 */
export async function expectNoSeriousViolations(page: Page, state: string, options: { include?: string } = {}): Promise<AxeCounts> {
  // Animations finished and fonts applied, so colour contrast is measured on what the user sees.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  let builder = new AxeBuilder({ page });
  if (options.include) builder = builder.include(options.include);
  const results = await builder.analyze();
  const counts: AxeCounts = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  const lines: string[] = [];
  for (const v of results.violations) {
    const impact = (v.impact ?? 'minor') as keyof AxeCounts;
    counts[impact] += v.nodes.length;
    lines.push(
      `  ${impact} ${v.id} x${v.nodes.length}: ${v.help}\n` +
        v.nodes
          .slice(0, 5)
          .map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1, 2).join(' ').trim() ?? ''}`)
          .join('\n'),
    );
  }
  console.log(`axe ${state}: critical ${counts.critical}, serious ${counts.serious}, moderate ${counts.moderate}, minor ${counts.minor}`);
  if (lines.length) console.log(lines.join('\n'));
  await test.info().attach(`axe ${state}`, { body: JSON.stringify(results.violations, null, 2), contentType: 'application/json' });
  const blocking = results.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious');
  expect(
    blocking.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `critical or serious accessibility violations on ${state}`,
  ).toEqual([]);
  return counts;
}
