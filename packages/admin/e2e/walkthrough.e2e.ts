import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiServer, DEMO_ADMIN, launchBrowser, screenshot } from './harness';

/** A moment of the 2024 collection stage (teams can be approved, stages edited). */
const DURING_COLLECTION = '2024-07-15T10:00:00+08:00';

/**
 * The competition walked through in a real browser, against the real API and the built admin.
 * The steps depend on each other and run in order.
 */
describe('the admin in a browser', () => {
  const server = new ApiServer();
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    await server.start(DURING_COLLECTION);
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    // Browser errors and failed API calls go to the test output, to explain a failure.
    page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') console.error(`[browser console] ${message.text()}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400 && response.url().includes('/api/')) console.error(`[api] ${response.status()} ${response.request().method()} ${response.url()}`);
    });
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await screenshot(page, `failed-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await server.dispose();
  });

  async function login(credentials: { login: string; password: string }): Promise<void> {
    await page.goto(`${server.url}/admin/login`);
    await page.locator('input[name="email"]').fill(credentials.login);
    await page.locator('input[name="password"]').fill(credentials.password);
    await page.locator('[data-test="login-submit"]').click();
  }

  it('sends a visitor to the login page and refuses a wrong password with the API message', async () => {
    await page.goto(`${server.url}/admin/`);
    await page.waitForURL('**/admin/login**');
    await screenshot(page, '01-login');
    await login({ login: DEMO_ADMIN.login, password: 'wrong-password' });
    await expect.poll(() => page.locator('.el-message--error').count()).toBeGreaterThan(0);
    expect(page.url()).toContain('/admin/login');
  });

  it('logs the demo organizer in to the dashboard with the current stage and the timeline', async () => {
    await login(DEMO_ADMIN);
    await page.waitForURL('**/admin/dashboard');
    await expect.poll(() => page.locator('[data-test="current-stage"]').textContent()).toBe('项目征集');
    await expect.poll(() => page.locator('[data-test="timeline"] .el-timeline-item').count()).toBe(4);
    await page.locator('canvas').first().waitFor();
    await screenshot(page, '02-dashboard');
  });

  it('switches the interface to English and back', async () => {
    await page.locator('[data-test="language"]').click();
    await expect.poll(() => page.locator('[data-test="current-stage"]').textContent()).toBe('Project collection');
    await expect.poll(() => page.locator('[data-test="nav-dashboard"]').textContent()).toContain('Dashboard');
    await page.locator('[data-test="language"]').click();
    await expect.poll(() => page.locator('[data-test="nav-dashboard"]').textContent()).toContain('工作台');
  });

  it('warns about overlapping stage dates before calling the API, then saves a valid change', async () => {
    await page.locator('[data-test="nav-settings"]').click();
    await page.waitForURL('**/admin/settings');
    await page.locator('[data-test="edit-stage-final"]').click();
    const dialog = page.locator('.el-dialog', { has: page.locator('[data-test="stage-save"]') });
    await dialog.waitFor();
    // Starting the final before the preliminary ends breaks the stage order (shared checkStageOrder).
    const starts = dialog.locator('.el-date-editor input').first();
    await starts.fill('2024-08-20 00:00:00');
    await starts.press('Enter');
    await expect.poll(() => dialog.locator('[data-test="stage-warning"]').count()).toBeGreaterThan(0);
    expect(await dialog.locator('[data-test="stage-save"]').isDisabled()).toBe(true);
    await screenshot(page, '03-stage-warning');

    await starts.fill('2024-09-02 09:00:00');
    await starts.press('Enter');
    await expect.poll(() => dialog.locator('[data-test="stage-warning"]').count()).toBe(0);
    await dialog.locator('[data-test="stage-save"]').click();
    await expect.poll(() => page.locator('.el-message--success').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-test="stages-table"]').textContent()).toContain('2024-09-02 09:00');
    await dialog.waitFor({ state: 'hidden' });

    const timeline = (await (await fetch(`${server.url}/api/v1/editions/current/stages`)).json()) as { stages: { code: string; startsAt: string }[] };
    expect(new Date(timeline.stages.find((stage) => stage.code === 'final')!.startsAt).toISOString()).toBe('2024-09-02T01:00:00.000Z');
    await screenshot(page, '04-settings-stages');
  });

  it('adds a topic to a field', async () => {
    await page.locator('.el-tabs__item', { hasText: '赛题' }).click();
    await page.locator('[data-test="add-topic"]').click();
    const dialog = page.locator('.el-dialog', { has: page.locator('[data-test="topic-save"]') });
    await dialog.waitFor();
    await dialog.locator('.el-form-item', { hasText: '标题' }).locator('input').fill('浏览器测试赛题：农产品溯源数据融合');
    await dialog.locator('[data-test="topic-save"]').click();
    await expect.poll(() => page.locator('[data-test="topics-table"]').textContent()).toContain('浏览器测试赛题：农产品溯源数据融合');
    await screenshot(page, '05-settings-topics');
  });

  it('logs out', async () => {
    await page.locator('[data-test="logout"]').click();
    await page.waitForURL('**/admin/login');
    await page.goto(`${server.url}/admin/settings`);
    await page.waitForURL('**/admin/login**');
  });
});
