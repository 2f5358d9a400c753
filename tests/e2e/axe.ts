import type { Page } from 'playwright-core';
import path from 'node:path';

/** axe-core's browser build, injected into the page under test (node_modules/axe-core/axe.min.js). */
const AXE_SCRIPT = path.resolve('node_modules/axe-core/axe.min.js');

export interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  /** CSS selectors of the offending nodes (first few). */
  targets: string[];
}

/**
 * Runs axe-core on the page as it is now (WCAG 2.x A/AA and best-practice rules, none disabled) and returns its
 * violations, each with the first nodes' selectors so a failing test says where to look.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.addScriptTag({ path: AXE_SCRIPT });
  return page.evaluate(async () => {
    type Result = {
      violations: { id: string; impact: AxeViolation['impact']; help: string; nodes: { target: unknown[] }[] }[];
    };
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<Result> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(' ')),
    }));
  });
}

/** The violations axe rates critical or serious: the ones a view must not have. */
export function blocking(violations: AxeViolation[]): AxeViolation[] {
  return violations.filter((v) => v.impact === 'critical' || v.impact === 'serious');
}
