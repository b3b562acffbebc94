import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

const here = fileURLToPath(new URL('.', import.meta.url));
export const ADMIN_DIR = resolve(here, '..');
export const API_DIR = resolve(ADMIN_DIR, '../api');
export const SCREENSHOTS = resolve(here, 'screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const DEMO_ADMIN = { login: 'admin@saishi.demo', password: 'Saishi@2024' };
export const DEMO_EXPERT = { login: 'expert@saishi.demo', password: 'Saishi@2024' };

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * The real API as deployed (node dist/server.js, compiled by the API's `build`) on an embedded
 * database in a temp folder, serving the built admin. `restart(now)` stops it and starts it again
 * on the same data with another fixed clock, so one walkthrough can go from the collection stage
 * to the publication of results.
 */
export class ApiServer {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'saishi-e2e-'));
  port = 0;
  private child: ChildProcess | null = null;
  private output = '';

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(now: string): Promise<void> {
    if (!existsSync(resolve(ADMIN_DIR, 'dist/index.html')))
      throw new Error('The admin is not built: run `pnpm --filter @saishi/admin test:e2e` (it builds first)');
    if (!existsSync(resolve(API_DIR, 'dist/server.js')))
      throw new Error('The API is not built: run `pnpm --filter @saishi/admin test:e2e` (it builds first)');
    // A restart keeps the port, so the browser keeps its origin (and its stored session).
    if (this.port === 0) this.port = await freePort();
    this.output = '';
    const env = { ...process.env };
    delete env.DATABASE_URL; // always the embedded database
    this.child = spawn(process.execPath, ['--enable-source-maps', 'dist/server.js'], {
      cwd: API_DIR,
      env: {
        ...env,
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: String(this.port),
        LOG_LEVEL: 'warn',
        DATA_DIR: join(this.dataDir, 'pglite'),
        STORAGE_DIR: join(this.dataDir, 'files'),
        SEED_DEMO: 'true',
        CLOCK_FIXED_AT: now,
        ADMIN_DIST: resolve(ADMIN_DIR, 'dist'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    const deadline = Date.now() + 240_000; // a cold embedded database with demo data, on a busy machine
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`The API exited (${this.child.exitCode}):\n${this.output}`);
      try {
        const response = await fetch(`${this.url}/readyz`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((wait) => setTimeout(wait, 300));
    }
    throw new Error(`The API did not become ready:\n${this.output}`);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
    this.child = null;
  }

  async restart(now: string): Promise<void> {
    await this.stop();
    await this.start(now);
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** The server's log so far, for failure messages. */
  log(): string {
    return this.output;
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Writes a full-page screenshot to e2e/screenshots/<name>.png for review. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.waitForTimeout(700); // let chart and dialog animations finish
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Demo credentials, or any other account's. */
export interface Credentials {
  login: string;
  password: string;
}

/** Signs in through the admin's login form (the page then follows the app's redirect). */
export async function login(page: Page, serverUrl: string, credentials: Credentials): Promise<void> {
  await page.goto(`${serverUrl}/admin/login`);
  await page.locator('input[name="email"]').fill(credentials.login);
  await page.locator('input[name="password"]').fill(credentials.password);
  await page.locator('[data-test="login-submit"]').click();
}

/**
 * A page in a new context of the browser: a 15 s default timeout and browser errors written to the
 * test output, to explain a failure. The context options (viewport, locale, zone…) are the spec's.
 */
export async function openPage(browser: Browser, options: BrowserContextOptions): Promise<Page> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
  return page;
}

/** For afterEach: photographs the page when the test failed, as failed-<prefix><test name>. */
export async function screenshotOnFailure(
  page: Page | undefined,
  prefix: string,
  test: { name: string; result?: { state?: string } },
): Promise<void> {
  if (!page || test.result?.state !== 'fail') return;
  await screenshot(page, `failed-${prefix}${test.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => undefined);
}

/** Opens a screen from the navigation and waits for its address. */
export async function goTo(page: Page, name: string): Promise<void> {
  await page.locator(`[data-test="nav-${name}"]`).click();
  await page.waitForURL(`**/admin/${name}`);
}

/** Confirms the Element Plus message box that is open (its last button), returning what it said. */
export async function confirmMessageBox(page: Page): Promise<string> {
  const box = page.locator('.el-message-box');
  await box.waitFor();
  const said = (await box.textContent()) ?? '';
  await box.locator('.el-message-box__btns .el-button').last().click();
  await box.waitFor({ state: 'hidden' });
  return said;
}
