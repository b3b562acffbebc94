import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, expectNoInternalText } from './checks';
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
 * The admin on a desktop (1440×900) as a keyboard user and a screen reader meet it: the navigation
 * is a list of links reached with Tab, each screen has its heading, and axe-core finds nothing
 * serious or critical on any screen, in Chinese and in English. Each screen is photographed.
 */
describe('the admin on a desktop, by keyboard and with axe-core', () => {
  const server = new ApiServer();
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await server.start(DURING_PRELIMINARY);
    browser = await launchBrowser();
    page = await openPage(browser, {
      viewport: { width: 1440, height: 900 },
      deviceScaleFactor: 1,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      // axe-core is injected as an inline script, which the API's Content-Security-Policy forbids.
      bypassCSP: true,
    });
  });

  afterEach((context) => screenshotOnFailure(page, 'desktop-', context.task));

  afterAll(async () => {
    await browser?.close();
    await server.dispose();
  });

  const login = (credentials: Credentials) => signIn(page, server.url, credentials);

  const focused = () =>
    page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      return { tag: element?.tagName ?? '', test: element?.dataset.test ?? '', text: element?.textContent?.trim() };
    });

  it('shows the login page with a favicon and without findings', async () => {
    await page.goto(`${server.url}/admin/login`);
    await page.locator('[data-test="login-submit"]').waitFor();
    const icon = await page.locator('link[rel="icon"]').getAttribute('href');
    expect((await fetch(new URL(icon!, server.url))).headers.get('content-type')).toContain('image/svg+xml');
    await expectAccessible(page, 'login');
  });

  it('reaches the navigation links with Tab, skipping to the content on demand', async () => {
    await login(DEMO_ADMIN);
    await page.waitForURL('**/admin/dashboard');
    await page.locator('[data-test="dashboard"]').waitFor();
    // The dashboard says what waits and how far review has come (the preliminary is still a draft).
    await page.locator('[data-test="todos"], [data-test="todos-none"]').first().waitFor();
    await expect.poll(() => page.locator('[data-test="review-progress"]').innerText()).toContain('尚未开启评审轮次');
    // Tab from the top of a freshly loaded page.
    await page.reload();
    await page.locator('[data-test="dashboard"]').waitFor();
    await page.keyboard.press('Tab');
    expect((await focused()).text).toBe('跳到正文');
    await page.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ tag: 'A', test: 'nav-dashboard' });
    // Down the list to 作品管理 (the seventh link), opened with Enter like any link.
    for (let step = 0; step < 6; step += 1) await page.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ tag: 'A', test: 'nav-projects' });
    await page.keyboard.press('Enter');
    await page.waitForURL('**/admin/projects');
    await expect.poll(() => page.locator('h1').innerText()).toBe('作品管理');
    expect(await page.locator('[data-test="nav-projects"]').getAttribute('aria-current')).toBe('page');
    expect(await page.locator('[data-test="nav-ledger"]').getAttribute('href')).toBe('/admin/ledger');
  });

  it('has a heading and no serious findings on any organizer screen', async () => {
    for (const name of organizerScreens()) {
      await page.locator(`[data-test="nav-${name}"]`).click();
      await page.waitForURL(`**/admin/${name}`);
      await page.locator(`[data-test="${name}"]`).first().waitFor();
      await page.waitForLoadState('networkidle').catch(() => undefined);
      expect.soft(await page.locator('h1').count(), `${name}: one h1`).toBe(1);
      await expectAccessible(page, name);
      await expectNoInternalText(page, name);
      await screenshot(page, `desktop-${name}`);
    }
  });

  it('has no serious findings in English either', async () => {
    await page.locator('[data-test="language"]').click();
    await expect.poll(() => page.locator('[data-test="nav-dashboard"]').innerText()).toBe('Dashboard');
    for (const name of ['dashboard', 'review', 'awards', 'ledger'] as const) {
      await page.locator(`[data-test="nav-${name}"]`).click();
      await page.locator(`[data-test="${name}"]`).first().waitFor();
      await page.waitForLoadState('networkidle').catch(() => undefined);
      await expectAccessible(page, `${name} (en)`);
      await expectNoInternalText(page, `${name} (en)`);
    }
    await page.locator('[data-test="language"]').click();
    await expect.poll(() => page.locator('[data-test="nav-dashboard"]').innerText()).toBe('工作台');
  });

  it('writes an announcement with its preview, attaches a file, and the public page shows both', async () => {
    await page.locator('[data-test="nav-announcements"]').click();
    await page.locator('[data-test="announcements"]').waitFor();
    await page.locator('[data-test="announcement-add"]').click();
    const dialog = page.locator('[data-test="announcement-dialog"]');
    await dialog.locator('[data-test="announcement-title-zh"]').fill('关于决赛地点的通知');
    await dialog.locator('[data-test="announcement-body-zh"]').fill('决赛改在南宁举行。');
    await dialog.locator('[data-test="announcement-title-en"]').fill('Where the final takes place');
    const preview = dialog.locator('[data-test="announcement-preview"]');
    await expect.poll(() => preview.innerText()).toContain('决赛改在南宁举行。');
    await expectAccessible(page, 'announcement-dialog');
    await dialog.locator('[data-test="announcement-published"]').click();
    await dialog.locator('[data-test="announcement-save"]').click();
    // Saved, the dialog stays open for attachments.
    const pdf = `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`;
    await dialog
      .locator('[data-test="announcement-upload"] input[type="file"]')
      .setInputFiles({ name: '决赛须知.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf) });
    await expect
      .poll(() => dialog.locator('[data-test="announcement-attachments"]').innerText())
      .toContain('决赛须知.pdf');
    await page.keyboard.press('Escape');
    await expect
      .poll(() => page.locator('[data-test="announcements-list"] .el-table__row').first().innerText())
      .toContain('关于决赛地点的通知');
    expect(await page.locator('[data-test="announcements-list"]').innerText()).toContain('发布于');

    await page.goto(`${server.url}/admin/public/results`);
    const shown = page.locator('[data-test="public-announcement"]', { hasText: '关于决赛地点的通知' });
    await shown.locator('summary').click();
    await expect.poll(() => shown.innerText()).toContain('决赛改在南宁举行。');
    const href = await shown.locator('[data-test="announcement-file"]').getAttribute('href');
    const download = await fetch(new URL(href!, server.url));
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toContain('application/pdf');
    await page.goto(`${server.url}/admin/announcements`);
    await page.locator('[data-test="announcements"]').waitFor();
  });

  it("has no serious findings on the expert's screens", async () => {
    await page.locator('[data-test="logout"]').click();
    await page.waitForURL('**/admin/login');
    await login(DEMO_EXPERT);
    await page.waitForURL('**/admin/my-assignments');
    await page.locator('[data-test="my-assignments"]').waitFor();
    await page.waitForLoadState('networkidle').catch(() => undefined);
    await expectAccessible(page, 'my-assignments');
    await expectNoInternalText(page, 'my-assignments');
    await screenshot(page, 'desktop-my-assignments');
  });
});
