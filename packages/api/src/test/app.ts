import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import supertest from 'supertest';
import { inject } from 'vitest';
import { CONSENT_SCOPES, type Role } from '@saishi/shared';
import { buildApp } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import { openDatabase, type DatabaseHandle } from '../db/client.js';
import type { PoolSettings } from '../db/options.js';
import { desc } from 'drizzle-orm';
import { privacyConsents, privacyNotices, users } from '../db/tables.js';
import type { VerificationMessage } from '../modules/accounts/verification.js';
import { SettableClock } from '../plugins/clock.js';
import { UNDOCUMENTED_PROBLEM_HEADER } from '../plugins/problems.js';
import { seedDemo } from '../seed/index.js';

/** A moment inside the 2024 collection stage, the default "now" of tests. */
export const DURING_COLLECTION = '2024-07-15T10:00:00+08:00';
export const DURING_PRELIMINARY = '2024-08-20T10:00:00+08:00';
export const DURING_FINAL = '2024-09-15T10:00:00+08:00';
export const DURING_PROMOTION = '2024-10-15T10:00:00+08:00';

export interface TestApp {
  app: FastifyInstance;
  db: DatabaseHandle['db'];
  database: DatabaseHandle;
  clock: SettableClock;
  config: Config;
  /** supertest against the running server. */
  http: ReturnType<typeof supertest>;
  /**
   * Creates a user of the role and returns it with a valid access token. Unless `consent: false`,
   * the user consented (personal and sensitive) to the privacy notice in force of every edition.
   */
  userWithToken(
    role: Role,
    fields?: Partial<typeof users.$inferInsert>,
    options?: { consent?: boolean },
  ): Promise<{ id: string; token: string; email: string }>;
  /** The id of the privacy notice in force of the edition (`current` by default). */
  privacyNoticeId(edition?: string): Promise<string>;
  /** Sign-up codes sent so far (a memory sender instead of the log driver). */
  sentCodes: VerificationMessage[];
  /** Signs up (accepting the current privacy notice unless told another) and confirms the code, as a person would. */
  signUpVerified(body: {
    email?: string;
    mobile?: string;
    password: string;
    displayName: string;
    privacyNoticeId?: string;
  }): Promise<{
    accessToken: string;
    refreshToken: string;
    user: { id: string; email: string | null; role: string; displayName: string };
  }>;
  close(): Promise<void>;
}

/**
 * Opens a fresh database — in-memory PGlite, or a new PostgreSQL database when
 * TEST_DATABASE_URL is set — migrates it, loads the demo data and builds the app.
 */
export async function createTestApp(
  options: {
    now?: string;
    seed?: boolean;
    config?: Partial<Config>;
    /** Where the app logs (level info, the production settings); unset = no logs. */
    logStream?: NodeJS.WritableStream;
    /** Timeouts of the database pool (the tests' generous ones otherwise). */
    pool?: Partial<PoolSettings>;
    /** Sign-up codes go through the messenger (e-mail, SMS) as in production, not to `sentCodes`. */
    deliverMessages?: boolean;
  } = {},
): Promise<TestApp> {
  const seed = options.seed !== false;
  const { handle, dispose, template } = await openTestDatabase({ ...TEST_POOL, ...options.pool }, seed);
  if (!template) {
    await handle.migrate();
    if (seed) await seedDemo(handle.db);
  }
  // Uploads of each test app go to a fresh temporary folder, removed on close.
  const storageDir = mkdtempSync(join(tmpdir(), 'saishi-files-'));
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATA_DIR: 'memory://',
      ADMIN_DIST: '/nonexistent',
      STORAGE_DIR: storageDir,
      ...options.config,
    },
    {},
  );
  const clock = new SettableClock(options.now ?? DURING_COLLECTION);
  const sentCodes: VerificationMessage[] = [];
  const app = await buildApp({
    config,
    database: handle,
    clock,
    ...(options.deliverMessages
      ? {}
      : { verificationSender: { send: async (message) => void sentCodes.push(message) } }),
    logger: options.logStream ? { level: 'info', stream: options.logStream } : false,
  });
  await app.ready();
  return {
    app,
    db: handle.db,
    database: handle,
    clock,
    config,
    http: supertest(app.server),
    sentCodes,
    privacyNoticeId: (edition) => currentNoticeId(app, edition),
    async signUpVerified(body) {
      const http = supertest(app.server);
      const privacyNoticeId = body.privacyNoticeId ?? (await currentNoticeId(app));
      const accepted = await http.post('/api/v1/auth/signup').send({ ...body, privacyNoticeId });
      if (accepted.status !== 202) throw new Error(`sign-up: ${accepted.status} ${JSON.stringify(accepted.body)}`);
      const login = (body.email ?? body.mobile ?? '').toLowerCase();
      const sent = sentCodes.findLast((message) => message.to === login);
      if (!sent) throw new Error(`no code was sent to ${login}`);
      const verified = await http.post('/api/v1/auth/verify').send({ login, code: sent.code });
      if (verified.status !== 200) throw new Error(`verify: ${verified.status} ${JSON.stringify(verified.body)}`);
      return verified.body;
    },
    async userWithToken(role, fields = {}, options = {}) {
      const email = fields.email ?? `${role}-${randomUUID()}@example.test`;
      const [user] = await handle.db
        .insert(users)
        .values({
          passwordHash: 'not-a-login',
          displayName: `${role} ${email}`,
          role,
          createdAt: clock.now(),
          ...fields,
          email,
        })
        .returning({ id: users.id });
      if (options.consent !== false) await consentToEveryNotice(handle.db, user!.id, clock.now());
      return { id: user!.id, email, token: app.jwt.sign({ sub: user!.id, role }) };
    },
    async close() {
      await app.close();
      await dispose();
      rmSync(storageDir, { recursive: true, force: true });
    },
  };
}

async function currentNoticeId(app: FastifyInstance, edition = 'current'): Promise<string> {
  const notice = await supertest(app.server).get(`/api/v1/editions/${edition}/privacy-notice`);
  if (notice.status !== 200) throw new Error(`privacy notice: ${notice.status} ${JSON.stringify(notice.body)}`);
  return notice.body.id as string;
}

/** The user's consents, personal and sensitive, to the latest notice of every edition. */
async function consentToEveryNotice(db: DatabaseHandle['db'], userId: string, now: Date): Promise<void> {
  const latest = await db
    .selectDistinctOn([privacyNotices.editionId], { id: privacyNotices.id })
    .from(privacyNotices)
    .orderBy(privacyNotices.editionId, desc(privacyNotices.version));
  if (latest.length === 0) return;
  await db
    .insert(privacyConsents)
    .values(
      latest.flatMap((notice) => CONSENT_SCOPES.map((scope) => ({ userId, noticeId: notice.id, scope, givenAt: now }))),
    )
    .onConflictDoNothing();
}

/**
 * Timeouts of the tests' database: the production ones would turn a slow moment of a busy 2-core
 * machine into a failed test. The tests of database faults set their own.
 */
const TEST_POOL: Partial<PoolSettings> = { connectTimeoutMs: 30_000, statementTimeoutMs: 0, queryTimeoutMs: 60_000 };

/**
 * A fresh database for one test app: a new in-memory PGlite, started from the run's migrated (and
 * seeded) template when there is one (./global-setup.ts), or a new PostgreSQL database.
 */
async function openTestDatabase(
  pool: Partial<PoolSettings>,
  seed: boolean,
): Promise<{ handle: DatabaseHandle; dispose: () => Promise<void>; template?: boolean }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    // Outside vitest (a benchmark's server) there is no template.
    const templates = process.env.VITEST ? inject('pgliteTemplates') : null;
    const template = templates && readFileSync(seed ? templates.seeded : templates.migrated);
    const handle = await openDatabase({ dataDir: 'memory://', pool, loadDataDir: template ?? undefined });
    return { handle, dispose: () => handle.close(), template: Boolean(template) };
  }
  const name = `saishi_test_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), dataDir: 'memory://', pool });
  return {
    handle,
    async dispose() {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/**
 * supertest's parser for a download: the body as one Buffer, whatever its type
 * (`.buffer(true).parse(bytesOfBody)`), where supertest would parse JSON or text.
 */
export function bytesOfBody(
  response: { on(event: 'data' | 'end', listener: (chunk: Buffer) => void): unknown },
  done: (error: Error | null, body: Buffer) => void,
): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
}

/** Asserts a problem+json response and returns its body. */
export function expectProblem(
  response: { status: number; headers: Record<string, string>; body: Record<string, unknown> },
  status: number,
  code: string,
  ruleId?: string,
): Record<string, unknown> {
  if (response.status !== status || response.body.code !== code || (ruleId && response.body.ruleId !== ruleId)) {
    throw new Error(
      `expected ${status} ${code}${ruleId ? ` (${ruleId})` : ''}, got ${response.status}: ${JSON.stringify(response.body)}`,
    );
  }
  if (!String(response.headers['content-type']).startsWith('application/problem+json')) {
    throw new Error(`expected application/problem+json, got ${response.headers['content-type']}`);
  }
  // The operation declares its codes and this one is not among them: its document would lie.
  const undocumented = response.headers[UNDOCUMENTED_PROBLEM_HEADER];
  if (undocumented) throw new Error(`the operation does not document this problem: ${undocumented}`);
  return response.body;
}
