import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiServer, DEMO_ADMIN, launchBrowser } from './harness';

const DURING_PROMOTION = '2024-10-15T10:00:00+08:00';

/**
 * The admin (its dashboard chart and results page) and the API docs work under the API's Content Security
 * Policy: no violation is reported and no script fails while they render.
 */
describe('the browser pages under the CSP', () => {
  const server = new ApiServer();
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    await server.start(DURING_PROMOTION);
    browser = await launchBrowser();
    page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    page.setDefaultTimeout(15_000);
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.exposeFunction('reportViolation', (text: string) => problems.push(text));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) =>
        (window as unknown as { reportViolation(text: string): void }).reportViolation(
          `CSP violation: ${event.violatedDirective} ${event.blockedURI}`,
        ),
      );
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server.dispose();
  });

  it('logs the organizer in and renders the dashboard with its chart', async () => {
    await page.goto(`${server.url}/admin/login`);
    await page.locator('input[name="email"]').fill(DEMO_ADMIN.login);
    await page.locator('input[name="password"]').fill(DEMO_ADMIN.password);
    await page.locator('[data-test="login-submit"]').click();
    await page.waitForURL('**/admin/dashboard');
    await page.locator('canvas').first().waitFor();
    expect(problems).toEqual([]);
  });

  it('renders the results page', async () => {
    await page.locator('[data-test="nav-results"]').click();
    await page.waitForURL('**/admin/results');
    await page.locator('[data-test="results-table"]').waitFor();
    await page.waitForLoadState('networkidle');
    expect(problems).toEqual([]);
  });

  it('renders the API docs', async () => {
    await page.goto(`${server.url}/docs`);
    await page.locator('.swagger-ui .info .title').waitFor();
    await page.locator('.opblock-tag').first().waitFor();
    expect(problems).toEqual([]);
  });
});
