import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, expectNoInternalText } from './checks';
import {
  ApiServer,
  confirmMessageBox,
  DEMO_ADMIN,
  goTo,
  launchBrowser,
  login,
  openPage,
  screenshot,
  screenshotOnFailure,
} from './harness';

const DURING_PRELIMINARY = '2024-08-20T10:00:00+08:00';
const JIANGSU_ADMIN = { login: 'js-admin@saishi.demo', password: DEMO_ADMIN.password };
const GUANGXI_PROJECT = '桂农数链·农产品产销数据服务平台（演示）';
const JIANGSU_PROJECT = '长三角制造业供应链协同数据平台（演示）';

/**
 * Seasons and divisions in the browser: the organizer switches editions with the switcher, opens the
 * 2025 江苏 season with the wizard (clone 2024 → adjust dates → review → publish), and a division
 * organizer sees nothing of another division. Each screen is checked with axe-core, also at 390 px.
 */
describe('seasons and divisions in the admin', () => {
  const server = new ApiServer();
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await server.start(DURING_PRELIMINARY);
    browser = await launchBrowser();
    page = await openPage(browser, {
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      bypassCSP: true, // axe-core is injected as an inline script
    });
  });

  afterEach((test) => screenshotOnFailure(page, 'seasons-', test.task));

  afterAll(async () => {
    await browser?.close();
    await server.dispose();
  });

  const go = (name: string) => goTo(page, name);
  /** Answers the open confirmation box (its last button confirms), returning what it said. */
  const confirmBox = () => confirmMessageBox(page);

  async function switchTo(code: string): Promise<void> {
    await page.locator('[data-test="edition-switch"]').click();
    await page.locator(`[data-test="edition-${code}"]:visible`).click();
  }

  /** The input of an Element Plus field named by data-test (on the input itself or around it). */
  const field = (name: string) =>
    page.locator(`[data-test="${name}"]`).locator('xpath=descendant-or-self::input').first();

  const editionName = () => page.locator('[data-test="settings"] .el-card__header').innerText();

  it('switches editions with the switcher: every screen shows the edition chosen', async () => {
    await login(page, server.url, DEMO_ADMIN);
    await page.waitForURL('**/admin/dashboard');
    await go('settings');
    await expect.poll(editionName).toContain('广西分赛');
    await switchTo('2024-jiangsu');
    await expect.poll(editionName).toContain('江苏分赛');
    await go('seasons');
    const row = page.locator('[data-test="editions-table"] tr', { hasText: '2024年"数据要素×"大赛江苏分赛' });
    await expect.poll(() => row.innerText()).toContain('正在查看');
    await expectAccessible(page, 'seasons');
    await expectNoInternalText(page, 'seasons');
  });

  it('opens the 2025 江苏 season with the wizard: clone, adjust dates, review, publish', async () => {
    await page.locator('[data-test="new-season"]').click();
    await page.waitForURL('**/admin/seasons/new');
    // Step 1: the source is the edition looked at, the year the next one, the code and name follow.
    await expect.poll(() => field('wizard-code').inputValue()).toBe('2025-jiangsu');
    expect(await field('wizard-name').inputValue()).toBe('2025年"数据要素×"大赛江苏分赛');
    await expectAccessible(page, 'wizard source');
    await page.locator('[data-test="wizard-next"]').click();

    // Step 2: the stages moved by a year; a collection ending after the preliminary starts is refused here.
    const collection = page.locator('[data-test="wizard-stage-collection"] input');
    const preliminary = page.locator('[data-test="wizard-stage-preliminary"] input');
    await expect.poll(() => collection.first().inputValue()).toBe('2025-06-24 00:00:00');
    await collection.nth(1).fill('2025-08-20 00:00:00');
    await collection.nth(1).press('Enter');
    await expect.poll(() => page.locator('[data-test="wizard-warning"]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-test="wizard-next"]').isDisabled()).toBe(true);
    await preliminary.first().fill('2025-08-20 00:00:00');
    await preliminary.first().press('Enter');
    await expect.poll(() => page.locator('[data-test="wizard-warning"]').count()).toBe(0);
    await page.keyboard.press('Escape');
    await expectAccessible(page, 'wizard dates');
    await page.locator('[data-test="wizard-next"]').click();

    // Step 3: what is copied and what never is.
    const copied = page.locator('[data-test="wizard-copied"]');
    await copied.waitFor();
    expect(await copied.innerText()).toMatch(/赛程阶段 4 个[\s\S]*赛道 2 个/);
    expect(await page.locator('[data-test="wizard-not-copied"]').innerText()).toContain('参赛团队与成员');
    await expectAccessible(page, 'wizard review');
    await page.locator('[data-test="wizard-create"]').click();
    expect(await confirmBox()).toContain('2025-jiangsu');

    // Step 4: publish, with the consequences said first; then look at the new season.
    await page.locator('[data-test="wizard-publish-now"]').click();
    expect(await confirmBox()).toContain('不能退回草稿');
    await page.locator('[data-test="wizard-open"]').click();
    await page.waitForURL('**/admin/settings');
    await expect.poll(editionName).toContain('2025年"数据要素×"大赛江苏分赛');
    const stages = page.locator('[data-test="stages-table"]');
    await expect.poll(() => stages.innerText()).toContain('2025-08-20 00:00');
    await go('seasons');
    const row = page.locator('[data-test="editions-table"] tr', { hasText: '2025年"数据要素×"大赛江苏分赛' });
    await expect.poll(() => row.innerText()).toContain('已发布');
    await screenshot(page, 'seasons-after-wizard');
  });

  it('edits the settings of the new season and refuses a bad contact naming the field', async () => {
    await go('settings');
    await page.locator('.el-tabs__item', { hasText: '基本信息' }).click();
    const details = page.locator('[data-test="edition-details"]');
    await details.waitFor();
    await field('details-theme').fill('数据赋能，智造未来');
    await details.locator('[data-test="details-add-contact"]').click();
    const contact = details.locator('[data-test="details-contact"]').last();
    await contact.locator('input').first().fill('王老师');
    await details.locator('[data-test="details-save"]').click();
    await expect.poll(() => details.locator('.error-text').innerText()).toMatch(/phone|电话|长度|字符/);
    await expectAccessible(page, 'edition details with an error');
    await contact.locator('input').nth(1).fill('0771-1234567');
    await details.locator('[data-test="details-save"]').click();
    await page.locator('.el-message--success', { hasText: '基本信息已保存' }).waitFor();
    await expectAccessible(page, 'edition details');
  });

  it('keeps a division organizer to their division: no 广西 project, no 广西 draft, no duplicates', async () => {
    await page.locator('[data-test="logout"]').click();
    await page.waitForURL('**/admin/login');
    await login(page, server.url, JIANGSU_ADMIN);
    await page.waitForURL('**/admin/dashboard');
    await page.locator('[data-test="edition-switch"]').click();
    const options = page.locator('.el-select-dropdown__item:visible');
    await expect.poll(() => options.allInnerTexts()).toContain('2025年"数据要素×"大赛江苏分赛');
    expect((await options.allInnerTexts()).join('\n')).not.toContain('2025年"数据要素×"大赛广西分赛');
    await page.keyboard.press('Escape');
    await switchTo('2024-jiangsu');
    await go('projects');
    const table = page.locator('[data-test="projects-table"]');
    await expect.poll(() => table.innerText()).toContain(JIANGSU_PROJECT);
    expect(await table.innerText()).not.toContain(GUANGXI_PROJECT);
    // Another division's editions are public, but not the division organizer's to switch to.
    await page.locator('[data-test="edition-switch"]').click();
    await page.locator('[data-test="edition-2024-jiangsu"]:visible').waitFor();
    expect(await page.locator('[data-test="edition-2024-guangxi"]:visible').count()).toBe(0);
    await page.keyboard.press('Escape');
    await go('divisions');
    await page.locator('[data-test="shortlist"]').waitFor();
    await page.locator('.el-tabs__item', { hasText: '重复参赛' }).click();
    await page.locator('[data-test="duplicates-hidden"]').waitFor();
    expect(await page.locator('main').innerText()).not.toContain(GUANGXI_PROJECT);
    await expectAccessible(page, 'divisions (division organizer)');
  });

  it('shows the national organizer the likely duplicate across divisions', async () => {
    await page.locator('[data-test="logout"]').click();
    await page.waitForURL('**/admin/login');
    await login(page, server.url, { login: 'national-admin@saishi.demo', password: DEMO_ADMIN.password });
    await page.waitForURL('**/admin/dashboard');
    await switchTo('2024-national');
    await go('divisions');
    const duplicates = page.locator('[data-test="duplicates-table"]');
    await expect.poll(() => duplicates.innerText()).toContain('柳州智造江苏团队');
    await expectAccessible(page, 'divisions (national organizer)');
    await expectNoInternalText(page, 'divisions (national organizer)');
  });

  it('fits the seasons list and the wizard on a 390 px phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/admin/seasons/new`);
    await page.locator('[data-test="wizard-code"]').waitFor();
    await page.waitForLoadState('networkidle').catch(() => undefined);
    const overflow = () =>
      page.evaluate(
        () => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth,
      );
    expect(await overflow()).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'wizard on a phone');
    await page.goto(`${server.url}/admin/seasons`);
    await page.locator('[data-test="editions-table"]').waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'seasons on a phone');
  });

  it('has no serious findings in English either', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.locator('[data-test="language"]').click();
    await expect.poll(() => page.locator('[data-test="nav-seasons"]').innerText()).toBe('Seasons');
    await page.locator('[data-test="new-season"]').click();
    await field('wizard-code').waitFor();
    await expectAccessible(page, 'wizard (en)');
    await go('divisions');
    await page.locator('[data-test="divisions"]').waitFor();
    await expectAccessible(page, 'divisions (en)');
    await expectNoInternalText(page, 'divisions (en)');
    await page.locator('[data-test="language"]').click();
  });
});
