import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible as checkAccessible, expectNoInternalText as checkNoInternalText } from './checks';
import {
  ApiServer,
  DEMO_ADMIN,
  DEMO_EXPERT,
  launchBrowser,
  login as signIn,
  openPage,
  screenshot,
  screenshotOnFailure,
  type Credentials,
} from './harness';
import { organizerScreens } from '../src/router/routes';

const DURING_PRELIMINARY = '2024-08-20T10:00:00+08:00';

/**
 * Experts review on their phones: every screen at 390×844 fits the width (no sideways page
 * scroll; wide tables scroll inside themselves), the navigation is a drawer, and axe-core finds
 * nothing serious or critical. The expert scores a project from start to submit at that size.
 */
describe('the admin at phone width (390×844)', () => {
  const server = new ApiServer();
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await server.start(DURING_PRELIMINARY);
    browser = await launchBrowser();
    page = await openPage(browser, {
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 1,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      // axe-core is injected as an inline script, which the API's Content-Security-Policy forbids.
      bypassCSP: true,
    });
  });

  afterEach((context) => screenshotOnFailure(page, 'phone-', context.task));

  afterAll(async () => {
    await browser?.close();
    await server.dispose();
  });

  const login = (credentials: Credentials) => signIn(page, server.url, credentials);

  /** How far the page reaches past the viewport's right edge, in CSS pixels (0 = fits). */
  const overflow = () =>
    page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth);

  /** The elements sticking out to the right, to explain an overflow. */
  const culprits = () =>
    page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('body *')]
        .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1)
        .filter((element) => !element.closest('.el-table, .el-scrollbar, .el-tabs__nav-scroll, [aria-hidden="true"]'))
        .slice(0, 5)
        .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`),
    );

  async function expectFits(name: string): Promise<void> {
    await page.waitForLoadState('networkidle').catch(() => undefined);
    const extra = await overflow();
    expect.soft(extra, `${name} scrolls sideways: ${(await culprits()).join(', ')}`).toBeLessThanOrEqual(0);
  }

  const expectAccessible = (name: string) => checkAccessible(page, name);
  const expectNoInternalText = (name: string) => checkNoInternalText(page, name);

  async function openNav(name: string): Promise<void> {
    await page.locator('[data-test="nav-toggle"]').click();
    const drawer = page.locator('[data-test="nav-drawer"]');
    await drawer.waitFor();
    await drawer.locator(`[data-test="nav-${name}"]`).click();
    await page.waitForURL(`**/admin/${name}`);
    await drawer.waitFor({ state: 'hidden' });
  }

  it('shows the login page without sideways scroll', async () => {
    await page.goto(`${server.url}/admin/login`);
    await page.locator('[data-test="login-submit"]').waitFor();
    await expectFits('login');
    await expectAccessible('login');
  });

  it('shows the public results library without login', async () => {
    await page.goto(`${server.url}/admin/public/results`);
    await page.locator('[data-test="result-count"]').waitFor();
    await expectFits('public results');
    await expectAccessible('public results');
    await expectNoInternalText('public results');
  });

  it('keeps the public library’s search and filters in a shareable address, at phone width', async () => {
    // A shared link opens with its filters applied and shown.
    await page.goto(`${server.url}/admin/public/results?track=university&q=${encodeURIComponent('气象')}`);
    await page.locator('[data-test="result-count"]').waitFor();
    const search = page.locator('input[data-test="filter-search"], [data-test="filter-search"] input').first();
    expect(await search.inputValue()).toBe('气象');
    expect(await page.getByRole('search').textContent()).toContain('高校赛道');
    await expectFits('public results, filtered');
    // A new search goes into the address, so the link shares what is on the screen.
    await search.fill('数据');
    await page.locator('[data-test="filter-submit"]').click();
    await page.waitForURL(
      (url) => url.searchParams.get('q') === '数据' && url.searchParams.get('track') === 'university',
    );
    await expectFits('public results, searched');
    await expectAccessible('public results, searched');
  });

  it('folds the navigation into a drawer and fits every organizer screen', async () => {
    await login(DEMO_ADMIN);
    await page.waitForURL('**/admin/dashboard');
    expect(await page.locator('.aside').count()).toBe(0);
    for (const name of organizerScreens()) {
      if (name !== 'dashboard') await openNav(name);
      await page.locator(`[data-test="${name}"]`).first().waitFor();
      await expectFits(name);
      await expectAccessible(name);
      await expectNoInternalText(name);
    }
    await screenshot(page, 'phone-01-ledger');
  });

  it('lets the expert score a project at phone size', async () => {
    // The organizer opens the preliminary and assigns through the API; the browser is the expert's phone.
    const token = await apiLogin(DEMO_ADMIN);
    const rounds = (await apiCall(token, 'GET', '/editions/current/review-rounds')) as {
      items: { id: string; kind: string; status: string }[];
    };
    const preliminary = rounds.items.find((round) => round.kind === 'preliminary')!;
    if (preliminary.status === 'draft') await apiCall(token, 'POST', `/review-rounds/${preliminary.id}/open`);
    await apiCall(token, 'POST', `/review-rounds/${preliminary.id}/assignments/auto`, {});

    await page.locator('[data-test="logout"]').click();
    await page.waitForURL('**/admin/login');
    await login(DEMO_EXPERT);
    await page.waitForURL('**/admin/my-assignments');
    await page.locator('[data-test="my-assignments"] a').first().waitFor();
    await expectFits('my-assignments');
    await expectAccessible('my-assignments');
    await screenshot(page, 'phone-02-expert-assignments');

    await page.locator('[data-test="my-assignments"] a').first().click();
    await page.waitForURL('**/admin/assignments/**');
    const inputs = page.locator('.criterion .el-input-number input');
    await inputs.first().waitFor();
    await expectFits('assignment');
    await expectAccessible('assignment');
    for (let criterion = 0; criterion < (await inputs.count()); criterion += 1) {
      await inputs.nth(criterion).fill('7');
      await inputs.nth(criterion).press('Tab');
    }
    // Every input is wide enough to show its number, not one character per line.
    const narrowest = await inputs.evaluateAll((elements) =>
      Math.min(...elements.map((element) => element.getBoundingClientRect().width)),
    );
    expect(narrowest).toBeGreaterThanOrEqual(60);
    await page.locator('textarea').last().fill('材料完整，数据来源清晰。');
    await page.locator('[data-test="save-draft"]').click();
    await page.locator('.el-message--success').last().waitFor();
    await screenshot(page, 'phone-03-expert-score');
    await page.locator('[data-test="submit-score"]').click();
    const box = page.locator('.el-message-box');
    await box.waitFor();
    await expectFits('submit confirmation');
    await box.locator('.el-message-box__btns .el-button').last().click();
    await page.locator('.el-message--success', { hasText: '评分已提交' }).last().waitFor();
  });

  async function apiLogin(credentials: { login: string; password: string }): Promise<string> {
    const response = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(credentials),
    });
    return ((await response.json()) as { accessToken: string }).accessToken;
  }

  async function apiCall(token: string, method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? null : response.json();
  }
});
