import { creditCodeCheckCharacter } from '@saishi/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiServer,
  confirmMessageBox,
  DEMO_ADMIN,
  DEMO_EXPERT,
  goTo,
  launchBrowser,
  login as signIn,
  screenshot,
  screenshotOnFailure,
  type Credentials,
} from './harness';

/** The API runs with a fixed clock; the walkthrough restarts it at each stage of 2024. */
const DURING_COLLECTION = '2024-07-15T10:00:00+08:00';
const DURING_PRELIMINARY = '2024-08-20T10:00:00+08:00';
const DURING_FINAL = '2024-09-15T10:00:00+08:00';
const DURING_PROMOTION = '2024-10-15T10:00:00+08:00';

/**
 * The whole competition walked through in a real browser, against the real API on the embedded
 * database and the built admin: organizer, expert, organizer again, then the public results.
 * The steps depend on each other and run in order.
 */
describe('the competition in the admin, in a browser', () => {
  const server = new ApiServer();
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    await server.start(DURING_COLLECTION);
    browser = await launchBrowser();
    context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'America/New_York',
    }); // times are shown and edited in the edition's zone, not the browser's
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    // Browser errors and failed API calls go to the test output, to explain a failure.
    page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400 && response.url().includes('/api/'))
        console.error(`[api] ${response.status()} ${response.request().method()} ${response.url()}`);
    });
  });

  afterEach((context) => screenshotOnFailure(page, '', context.task));

  afterAll(async () => {
    await browser?.close();
    await server.dispose();
  });

  const login = (credentials: Credentials) => signIn(page, server.url, credentials);

  async function logout(): Promise<void> {
    await page.locator('[data-test="logout"]').click();
    await page.waitForURL('**/admin/login');
  }

  const go = (name: string) => goTo(page, name);
  const confirmBox = () => confirmMessageBox(page);

  /** The search box of the screen's filter toolbar. */
  const search = () => page.locator('input[data-test="filter-search"], [data-test="filter-search"] input').first();

  async function succeeded(): Promise<void> {
    await page.locator('.el-message--success').last().waitFor();
  }

  /** The expert scores every assignment of the open round from the list, draft first, then submits. */
  async function scoreEverything(round: '初赛' | '决赛'): Promise<number> {
    await page.waitForURL('**/admin/my-assignments');
    const rows = page.locator('[data-test="my-assignments"] .el-table__row', { hasText: `${round} · 评审中` });
    await rows.first().waitFor();
    const count = await rows.count();
    for (let index = 0; index < count; index += 1) {
      const row = page
        .locator('[data-test="my-assignments"] .el-table__row', { hasText: `${round} · 评审中` })
        .filter({ hasText: '未评分' })
        .first();
      await row.locator('a').click();
      await page.waitForURL('**/admin/assignments/**');
      const inputs = page.locator('.criterion .el-input-number input');
      await inputs.first().waitFor();
      if (index === 0)
        await expect.poll(() => page.locator('[data-test="blind-files"] .el-table__row').count()).toBeGreaterThan(0);
      const criteria = await inputs.count();
      for (let criterion = 0; criterion < criteria; criterion += 1) {
        await inputs.nth(criterion).fill(String(5 + index + (criterion % 3)));
        await inputs.nth(criterion).press('Tab');
      }
      await page.locator('textarea').last().fill('材料完整，数据来源清晰，建议加强安全合规论证。');
      await page.locator('[data-test="save-draft"]').click();
      await succeeded();
      if (index === 0) await screenshot(page, `${round === '初赛' ? '09' : '13'}-expert-rubric-form`);
      await page.locator('[data-test="submit-score"]').click();
      await confirmBox();
      await page.locator('.el-message--success', { hasText: '评分已提交' }).last().waitFor();
      await page.locator('[data-test="nav-my-assignments"]').click();
      await page.waitForURL('**/admin/my-assignments');
    }
    return count;
  }

  async function openRound(kind: '初赛' | '决赛'): Promise<void> {
    await go('review');
    await page.locator('[data-test="review"] .el-radio-button', { hasText: kind }).click();
    await page.locator('[data-test="open-round"]').click();
    expect(await confirmBox()).toContain('评分细则将锁定');
    await expect.poll(() => page.locator('[data-test="round-status"]').textContent()).toBe('评审中');
    await page.locator('[data-test="auto-assign"]').click();
    expect(await confirmBox()).toContain('自动分配专家');
    await page.locator('[data-test="auto-result"]').waitFor();
    await expect.poll(() => page.locator('[data-test="assignments-table"] .el-table__row').count()).toBeGreaterThan(0);
  }

  async function closeRound(kind: '初赛' | '决赛'): Promise<void> {
    await go('review');
    await page.locator('[data-test="review"] .el-radio-button', { hasText: kind }).click();
    await page.locator('[data-test="close-round"]').click();
    expect(await confirmBox()).toContain('专家不能再提交或修改评分');
    await expect.poll(() => page.locator('[data-test="round-status"]').textContent()).toBe('已结束');
  }

  it('sends a visitor to the login page and shows the API message for a wrong password', async () => {
    await page.goto(`${server.url}/admin/`);
    await page.waitForURL('**/admin/login**');
    await screenshot(page, '01-login');
    await login({ login: DEMO_ADMIN.login, password: 'wrong-password' });
    await page.locator('.el-message--error').first().waitFor();
    expect(page.url()).toContain('/admin/login');
  });

  it('logs the demo organizer in to the dashboard with the current stage and the timeline', async () => {
    await login(DEMO_ADMIN);
    await page.waitForURL('**/admin/dashboard');
    await expect.poll(() => page.locator('[data-test="current-stage"]').textContent()).toBe('项目征集');
    await expect.poll(() => page.locator('[data-test="timeline"] .el-timeline-item').count()).toBe(4);
    await page.locator('canvas').first().waitFor();
    await expect.poll(() => page.locator('[data-test="statistics"]').textContent()).toMatch(/作品 \d+ 个/);
    await expect.poll(() => page.locator('[data-test="dashboard"]').textContent()).toContain('广西分赛推荐会');
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
    await go('settings');
    await page.locator('[data-test="edit-stage-final"]').click();
    const dialog = page.locator('.el-dialog', { has: page.locator('[data-test="stage-save"]') });
    await dialog.waitFor();
    // Starting the final before the preliminary ends breaks the stage order (shared checkStageOrder).
    const starts = dialog.locator('.el-date-editor input').first();
    await starts.fill('2024-08-20 00:00:00');
    await starts.press('Enter');
    await dialog.locator('[data-test="stage-warning"]').first().waitFor();
    expect(await dialog.locator('[data-test="stage-save"]').isDisabled()).toBe(true);
    await screenshot(page, '03-stage-warning');

    await starts.fill('2024-09-02 09:00:00');
    await starts.press('Enter');
    await expect.poll(() => dialog.locator('[data-test="stage-warning"]').count()).toBe(0);
    await dialog.locator('[data-test="stage-save"]').click();
    await succeeded();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.locator('[data-test="stages-table"]').textContent()).toContain('2024-09-02 09:00');
    const timeline = (await (await fetch(`${server.url}/api/v1/editions/current/stages`)).json()) as {
      stages: { code: string; startsAt: string }[];
    };
    expect(new Date(timeline.stages.find((stage) => stage.code === 'final')!.startsAt).toISOString()).toBe(
      '2024-09-02T01:00:00.000Z',
    );
    await screenshot(page, '04-settings-stages');
  });

  it('adds a topic to a field', async () => {
    await page.locator('.el-tabs__item', { hasText: '赛题' }).click();
    await page.locator('[data-test="add-topic"]').click();
    const dialog = page.locator('.el-dialog', { has: page.locator('[data-test="topic-save"]') });
    await dialog.waitFor();
    await dialog
      .locator('.el-form-item', { hasText: '标题' })
      .locator('input')
      .fill('浏览器测试赛题：农产品溯源数据融合');
    await dialog.locator('[data-test="topic-save"]').click();
    await expect
      .poll(() => page.locator('[data-test="topics-table"]').textContent())
      .toContain('浏览器测试赛题：农产品溯源数据融合');
    await screenshot(page, '05-settings-topics');
  });

  it('holds the rubrics per round and direction and the award quotas in the edition settings', async () => {
    await page.locator('[data-test="settings"] .el-tabs__item', { hasText: '评分细则' }).click();
    await expect
      .poll(() => page.locator('[data-test="rubric-preliminary-modeling"] .el-table__row').count())
      .toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-test="settings-rubrics"]').textContent()).toContain('权重合计 100');
    await screenshot(page, '05b-settings-rubrics');
    await page.locator('[data-test="settings"] .el-tabs__item', { hasText: '奖项名额' }).click();
    await page.locator('[data-test="settings-quotas"] [data-test^="quota-"]').first().waitFor();
    await screenshot(page, '05c-settings-quotas');
  });

  it('approves a submitted team from its detail, and requires a reason to return another', async () => {
    await go('qualification');
    await page.locator('[data-test="team-智慧物流数据联合体"]').click();
    const drawer = page.locator('[data-test="team-drawer"]');
    await drawer.locator('[data-test="decide"]').click();
    await screenshot(page, '06-qualification-detail');
    const dialog = page.locator('.el-dialog', { has: page.locator('[data-test="decision-submit"]') });
    await dialog.locator('[data-test="decision-submit"]').click();
    await succeeded();
    await expect.poll(() => page.locator('[data-test="status-智慧物流数据联合体"]').textContent()).toBe('已通过');
    await drawer.locator('.el-drawer__close-btn').click();
    await drawer.waitFor({ state: 'hidden' });

    await page.locator('[data-test="team-漓江算法实验室"]').click();
    await drawer.locator('[data-test="decide"]').click();
    await dialog.locator('.el-radio', { hasText: '退回修改' }).click();
    await dialog.locator('[data-test="decision-submit"]').click();
    await dialog.locator('.el-form-item__error').waitFor();
    await dialog
      .locator('[data-test="decision-reason"] textarea, textarea[data-test="decision-reason"]')
      .first()
      .fill('请补充学生证扫描件。');
    await dialog.locator('[data-test="decision-submit"]').click();
    await succeeded();
    await expect.poll(() => page.locator('[data-test="status-漓江算法实验室"]').textContent()).toBe('已退回');
    await drawer.locator('.el-drawer__close-btn').click();
    await screenshot(page, '07-qualification-queue');
  });

  it('searches the projects and opens one with its files and versions', async () => {
    await go('projects');
    await expect
      .poll(() => page.locator('[data-test="projects-table"] .el-table__row').count())
      .toBeGreaterThanOrEqual(3);
    await search().fill('内涝');
    await search().press('Enter');
    await expect.poll(() => page.locator('[data-test="projects-table"] .el-table__row').count()).toBe(1);
    await page.locator('[data-test="projects-table"] .el-table__row').first().locator('button').first().click();
    const drawer = page.locator('[data-test="project-drawer"]');
    await expect.poll(() => drawer.locator('[data-test="project-files"] .el-table__row').count()).toBeGreaterThan(0);
    await screenshot(page, '07b-project-detail');
    await drawer.locator('.el-drawer__close-btn').click();
    await drawer.waitFor({ state: 'hidden' });

    // A project submitted twice: its two versions compared field by field.
    await search().fill('桂农');
    await search().press('Enter');
    await expect.poll(() => page.locator('[data-test="projects-table"] .el-table__row').count()).toBe(1);
    await page.locator('[data-test="projects-table"] .el-table__row').first().locator('button').first().click();
    await drawer.locator('[data-test="compare"]').click();
    await expect.poll(() => drawer.locator('[data-test="comparison"] .el-table__row').count()).toBeGreaterThan(0);
    await drawer.locator('.el-drawer__close-btn').click();
  });

  it('checks a blacklist file row by row before importing its valid rows', async () => {
    await go('units');
    await page.locator('[data-test="units"] .el-tabs__item', { hasText: '信用中国名单' }).click();
    const valid = `91450100MA5T9999${'9'}`;
    const code = `${valid}${creditCodeCheckCharacter(valid)}`;
    const csv = `credit_code,name,list_kind,source_date\n${code},南宁某失信测试企业,dishonest_debtor,2024-07-01\nNOT-A-CODE,格式错误的行,dishonest_debtor,2024-07-01\n`;
    await page
      .locator('[data-test="units"] .el-upload input[type=file]')
      .setInputFiles({ name: 'list.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.locator('[data-test="blacklist-preview"]').click();
    await expect.poll(() => page.locator('[data-test="blacklist-summary"]').textContent()).toContain('有效 1，无效 1');
    await expect.poll(() => page.locator('[data-test="blacklist-report"] .el-table__row').count()).toBe(2);
    await screenshot(page, '07c-blacklist-report');
    await page.locator('[data-test="blacklist-import"]').click();
    await confirmBox();
    await page.locator('.el-message--success', { hasText: '已导入 1 条' }).last().waitFor();
  });

  it('shows the experts and the ledger', async () => {
    await go('experts');
    await expect
      .poll(() => page.locator('[data-test="experts-table"] .el-table__row').count())
      .toBeGreaterThanOrEqual(7);
    const before = await page.locator('[data-test="experts-table"] .el-table__row').count();
    await page.locator('[data-test="invite-expert"]').click();
    const dialog = page.locator('.el-dialog', { has: page.locator('[data-test="expert-save"]') });
    const field = (label: string) => dialog.locator('.el-form-item', { hasText: label }).locator('input').first();
    await field('邮箱').fill('new.expert@saishi.test');
    await field('姓名').fill('新邀请专家');
    await field('初始密码').fill('Expert@2024');
    await field('单位/高校').fill('广西师范大学');
    await field('统一社会信用代码').fill('12450000MB000005X');
    await dialog.locator('.el-form-item__error').first().waitFor(); // the shared credit-code rule warns at once
    await field('统一社会信用代码').fill('');
    await dialog.locator('[data-test="expert-save"]').click();
    await succeeded();
    await expect.poll(() => page.locator('[data-test="experts-table"] .el-table__row').count()).toBe(before + 1);
    await screenshot(page, '08-experts');
    await go('ledger');
    await expect.poll(() => page.locator('[data-test="ledger-status"]').textContent()).toContain('存证链完整');
  });

  it('keeps the refresh token in an httpOnly cookie, refreshes transparently, and asks to log in once it is gone', async () => {
    // The refresh token is a cookie no script can read, sent to the session routes only.
    const refreshCookie = (await context.cookies()).find((cookie) => cookie.name === 'saishi_refresh');
    expect(refreshCookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth' });
    expect(await page.evaluate(() => document.cookie)).not.toContain('saishi_refresh');
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
    expect(stored).not.toContain(refreshCookie!.value);
    expect(stored).not.toMatch(/eyJ[\w-]+\.eyJ/); // no JWT either

    // A reload keeps the session: the page trades the cookie for a new access token.
    const restored = page.waitForResponse(
      (response) => response.url().endsWith('/api/v1/auth/refresh') && response.status() === 200,
    );
    await page.reload();
    await restored;
    await expect.poll(() => page.locator('[data-test="ledger-status"]').textContent()).toContain('存证链完整');
    expect(page.url()).toContain('/admin/ledger');

    // An access token that expires while the page is open is refreshed, and the call retried.
    await page.route(
      (url) => url.pathname.startsWith('/api/v1/ledger'),
      (route) =>
        route.fulfill({
          status: 401,
          contentType: 'application/problem+json',
          body: JSON.stringify({ status: 401, code: 'TOKEN_INVALID', title: '未认证', detail: '登录凭证无效或已过期' }),
        }),
      { times: 1 },
    );
    const refreshed = page.waitForResponse(
      (response) => response.url().endsWith('/api/v1/auth/refresh') && response.status() === 200,
    );
    await go('experts');
    await go('ledger');
    await refreshed;
    await expect.poll(() => page.locator('[data-test="ledger-status"]').textContent()).toContain('存证链完整');

    // A revoked refresh token ends the session: the next load asks to log in, then comes back.
    await context.addCookies([
      {
        ...refreshCookie!,
        value: 'revoked-refresh-token',
        expires: Math.floor(Date.now() / 1000) + 3600,
      },
    ]);
    await page.reload();
    await page.waitForURL('**/admin/login?redirect=**');
    await page.locator('input[name="email"]').fill(DEMO_ADMIN.login);
    await page.locator('input[name="password"]').fill(DEMO_ADMIN.password);
    await page.locator('[data-test="login-submit"]').click();
    await page.waitForURL('**/admin/ledger'); // back where the session ended
  });

  it('opens the preliminary in its stage and assigns experts automatically', async () => {
    await logout();
    await server.restart(DURING_PRELIMINARY);
    await login(DEMO_ADMIN);
    await page.waitForURL('**/admin/dashboard');
    await expect.poll(() => page.locator('[data-test="current-stage"]').textContent()).toBe('初赛评审');
    await openRound('初赛');
    await screenshot(page, '09-assignment');
  });

  it('lets the demo expert score the blind projects, saving a draft before submitting', async () => {
    await logout();
    await login(DEMO_EXPERT);
    await page.waitForURL('**/admin/my-assignments');
    await screenshot(page, '10-expert-assignments');
    const scored = await scoreEverything('初赛');
    expect(scored).toBeGreaterThan(0);
    await expect
      .poll(() => page.locator('[data-test="my-assignments"] .el-tag', { hasText: '已提交' }).count())
      .toBe(scored);
  });

  it('closes the preliminary, shows the ranking, advances the best of each group and tells the teams', async () => {
    await logout();
    await login(DEMO_ADMIN);
    await page.waitForURL('**/admin/dashboard');
    await closeRound('初赛');
    await page.locator('.el-tabs__item', { hasText: '成绩排名' }).click();
    await page.locator('[data-test="ranking"] .el-table__row').first().waitFor();
    await page.locator('[data-test="advance"]').click();
    // The server's preview lists who advances; the organizer commits it unchanged.
    const preview = page.locator('[data-test="decision-preview"]');
    await preview.locator('[data-test="decision-preview-rows"] .el-table__row').first().waitFor();
    expect(await preview.textContent()).toContain('按此规则晋级决赛的项目如下');
    await preview.locator('[data-test="decision-preview-commit"]').click();
    await page.locator('.el-message--success', { hasText: '晋级决赛' }).last().waitFor();
    await screenshot(page, '11-ranking-advancement');
    // Feedback to teams: published once at a visibility, then widened only with a reason.
    await page.locator('.el-tabs__item', { hasText: '团队反馈' }).click();
    const feedback = page.locator('[data-test="feedback-panel"]');
    await feedback.locator('[data-test="feedback-publish"]').waitFor();
    await feedback.locator('label', { hasText: '结果、排名与各位专家的分数' }).click();
    await feedback.locator('[data-test="feedback-publish"]').click();
    expect(await confirmBox()).toContain('都会收到结果通知');
    await expect
      .poll(() => feedback.locator('[data-test="feedback-state"]').innerText())
      .toContain('结果、排名与各位专家的分数');
    await feedback.locator('label', { hasText: '另加专家评语（匿名）' }).click();
    await feedback.locator('[data-test="feedback-change"]').click();
    await page.locator('.el-message-box textarea').fill('评审委员会同意向团队公开匿名评语');
    expect(await confirmBox()).toContain('改为“另加专家评语（匿名）”');
    await expect.poll(() => feedback.locator('[data-test="feedback-state"]').innerText()).toContain('另加专家评语');
  });

  it('runs the final in its stage, scored by the expert', async () => {
    await logout();
    await server.restart(DURING_FINAL);
    await login(DEMO_ADMIN);
    await page.waitForURL('**/admin/dashboard');
    await openRound('决赛');
    await logout();
    await login(DEMO_EXPERT);
    expect(await scoreEverything('决赛')).toBeGreaterThan(0);
    await logout();
    await login(DEMO_ADMIN);
    await page.waitForURL('**/admin/dashboard');
    await closeRound('决赛');
  });

  it('sets quotas, allocates the awards from the final ranking and publishes them', async () => {
    await logout();
    await server.restart(DURING_PROMOTION);
    await login(DEMO_ADMIN);
    await page.waitForURL('**/admin/dashboard');
    await go('awards');
    const firstPrizes = page.locator('[data-test^="quota-"][data-test$="-first"] input');
    await firstPrizes.first().waitFor();
    for (let index = 0; index < (await firstPrizes.count()); index += 1) {
      await firstPrizes.nth(index).fill('1');
      await firstPrizes.nth(index).press('Tab');
    }
    await page.locator('[data-test="save-quotas"]').click();
    await succeeded();
    await page.locator('[data-test="allocate"]').click();
    expect(await confirmBox()).toContain('按决赛排名');
    const preview = page.locator('[data-test="decision-preview"]');
    await preview.locator('[data-test="decision-preview-rows"] .el-table__row').first().waitFor();
    await preview.locator('[data-test="decision-preview-commit"]').click();
    await page.locator('.el-message--success', { hasText: '已分配' }).last().waitFor();
    await expect.poll(() => page.locator('[data-test="awards-table"] .el-table__row').count()).toBeGreaterThan(0);
    await page.locator('[data-test="publish"]').click();
    expect(await confirmBox()).toContain('任何人无需登录即可查看');
    await page.locator('[data-test="published-at"]').waitFor();
    await screenshot(page, '12-awards-published');
  });

  it('shows the published awards in the public results library, without login, with shareable filters', async () => {
    const inAwards = await page.locator('[data-test="awards-table"] .el-table__row').count();
    await page.locator('[data-test="to-results"]').click();
    await page.waitForURL('**/admin/public/results');
    const cards = page.locator('[data-test="public-results"] [data-test="result-card"]');
    await expect.poll(() => cards.count()).toBe(inAwards);
    await expect.poll(() => cards.first().locator('[data-test="award-badge"]').textContent()).toContain('一等奖');
    await screenshot(page, '14-results-library');
    const answer = (await (await fetch(`${server.url}/api/v1/results?edition=current`)).json()) as {
      items: { title: string; gradeCode: string }[];
    };
    expect(answer.items.length).toBe(inAwards);
    expect(answer.items.every((item) => item.gradeCode === 'first')).toBe(true);
    expect(answer.items.map((item) => item.title).join()).toContain('（演示）');

    // A visitor without a session opens a filtered link and a project's page.
    const visitor = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const anonymous = await visitor.newPage();
    await anonymous.goto(`${server.url}/admin/public/results?grade=first`);
    const shared = anonymous.locator('[data-test="result-card"]');
    await expect.poll(() => shared.count()).toBe(inAwards);
    expect(anonymous.url()).toContain('grade=first');
    await shared.first().locator('h2 a').click();
    await anonymous.waitForURL('**/admin/public/results/**');
    await expect.poll(() => anonymous.locator('[data-test="public-result"] h1').textContent()).toContain('（演示）');
    await screenshot(anonymous, '14b-public-result-phone');
    await visitor.close();
    await page.goto(`${server.url}/admin/results`);
    await expect.poll(() => page.locator('[data-test="results-table"] .el-table__row').count()).toBe(inAwards);
  });

  it('lets the expert declare a conflict of interest from a project', async () => {
    await page.locator('[data-test="logout"]').click();
    await page.waitForURL('**/admin/login');
    await login(DEMO_EXPERT);
    await page.waitForURL('**/admin/my-assignments');
    await page.locator('[data-test="my-assignments"] .el-table__row a').first().click();
    await page.waitForURL('**/admin/assignments/**');
    await page.locator('[data-test="declare-conflict"]').click();
    const drawer = page.locator('[data-test="conflicts-drawer"]');
    await drawer.locator('textarea').fill('曾为该团队提供技术咨询。');
    await drawer.locator('[data-test="conflict-declare"]').click();
    await page.locator('.el-message--success', { hasText: '回避已登记' }).last().waitFor();
    await expect.poll(() => drawer.locator('.el-table__row').count()).toBe(1);
    await screenshot(page, '15-expert-conflict');
  });
});
