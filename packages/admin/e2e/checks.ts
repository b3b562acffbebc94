import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeFinding {
  id: string;
  impact: string | null;
  nodes: { target: string[]; html: string; failureSummary?: string }[];
}

/**
 * axe-core finds nothing serious or critical on the page as it is now. The browser context needs
 * `bypassCSP: true`: axe is injected as an inline script, which the API's Content-Security-Policy forbids.
 */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  let serious = await seriousFindings(page);
  // A colour caught mid-fade (a screen still settling) is measured again once it has settled:
  // real findings stay, a transition's passing shade does not.
  if (serious.length > 0) {
    await page.waitForTimeout(800);
    serious = await seriousFindings(page);
  }
  expect.soft(serious, `${name}: ${JSON.stringify(serious)}`).toEqual([]);
}

async function seriousFindings(page: Page) {
  // Colours are measured once fades and transitions have ended.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const findings = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<unknown> } }).axe;
    const result = (await axe.run(document, { resultTypes: ['violations'] })) as { violations: AxeFinding[] };
    return result.violations.map(({ id, impact, nodes }) => ({
      id,
      impact,
      nodes: nodes.slice(0, 3).map((node) => ({
        target: node.target,
        html: node.html.slice(0, 120),
        summary: node.failureSummary?.slice(0, 200),
      })),
    }));
  });
  return findings.filter((finding) => finding.impact === 'serious' || finding.impact === 'critical');
}

/** Internal text a reader must never see: snake_case codes, `…_id`, dotted action codes and UUIDs. */
export async function expectNoInternalText(page: Page, name: string): Promise<void> {
  const text = await page.locator('main').innerText();
  const leaks = text.match(/\b[a-z]+(?:_[a-z]+)+\b|\b[a-z]+\.[a-z]+ed\b|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/g) ?? [];
  expect.soft(leaks, `${name} shows internal text`).toEqual([]);
}
