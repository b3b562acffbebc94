import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { databaseOptions, secretsKey, trustedProxies, type Config } from './config.js';
import { openDatabase, type DatabaseHandle } from './db/client.js';
import type { Deps } from './lib/deps.js';
import { lazySerializers, lazyValidators } from './lib/lazy-compilers.js';
import { secureLoggerOptions } from './lib/logging.js';
import { createSecretBox } from './lib/secret-box.js';
import { isStorableInstant } from './lib/time.js';
import accountsRoutes from './modules/accounts/routes.js';
import awardsRoutes from './modules/awards/routes.js';
import editionsRoutes from './modules/editions/routes.js';
import { cacheReferenceData, forgetReferenceData } from './modules/editions/reference-cache.js';
import expertsRoutes from './modules/experts/routes.js';
import jobsRoutes from './modules/jobs/routes.js';
import ledgerRoutes from './modules/ledger/routes.js';
import privacyRoutes from './modules/privacy/routes.js';
import retentionPlugin from './modules/privacy/retention.plugin.js';
import recommendationRoutes from './modules/recommendations/routes.js';
import progressRoutes from './modules/progress/routes.js';
import projectsRoutes from './modules/projects/routes.js';
import resultsRoutes from './modules/results/routes.js';
import reviewRoutes from './modules/review/routes.js';
import storageSweepPlugin from './modules/files/sweep.js';
import teamsRoutes from './modules/teams/routes.js';
import clientSettingsRoutes from './modules/system/client-settings.routes.js';
import systemRoutes from './modules/system/routes.js';
import type { VerificationSender } from './modules/accounts/verification.js';
import messengerPlugin, { messengerVerificationSender } from './modules/messages/plugin.js';
import announcementsRoutes from './modules/announcements/routes.js';
import messagesRoutes from './modules/messages/routes.js';
import feedbackRoutes from './modules/feedback/routes.js';
import webhooksPlugin from './modules/webhooks/plugin.js';
import webhooksRoutes from './modules/webhooks/routes.js';
import authPlugin from './plugins/auth.js';
import clockPlugin, { SettableClock, systemClock, type Clock } from './plugins/clock.js';
import csrfPlugin from './plugins/csrf.js';
import databasePlugin from './plugins/database.js';
import editionScopePlugin from './plugins/edition-scope.js';
import httpCachePlugin from './plugins/http-cache.js';
import idempotencyPlugin from './plugins/idempotency.js';
import jobsPlugin from './plugins/jobs.js';
import inputTextPlugin from './plugins/input-text.js';
import openapiPlugin from './plugins/openapi.js';
import problemsPlugin, { sendFrameworkProblem } from './plugins/problems.js';
import publicReadCachePlugin from './plugins/public-read-cache.js';
import rateLimitPlugin from './plugins/rate-limit.js';
import securityHeadersPlugin from './plugins/security-headers.js';
import storagePlugin, { createStorage, type FileStorage } from './plugins/storage.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** What every use case takes first: routes call `service.fn(app.deps, …)`. */
    deps: Deps;
    verificationSender: VerificationSender;
  }
}

export interface BuildAppOptions {
  config: Config;
  /** An open database; when omitted one is opened from the config and closed with the app. */
  database?: DatabaseHandle;
  clock?: Clock;
  /** Where uploads go; when omitted the configured one (`STORAGE_DRIVER`). */
  storage?: FileStorage;
  logger?: FastifyServerOptions['logger'];
  /** Where sign-up codes go; when omitted the messenger (e-mail or SMS, or the log without them). */
  verificationSender?: VerificationSender;
}

/** Largest upload the HTTP layer accepts at all; each upload kind sets its own, smaller limit. */
const MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

/** How request schemas are checked; after ajv-formats, a date-time must also be an instant the database can store. */
const AJV_OPTIONS = {
  customOptions: { coerceTypes: 'array', useDefaults: true, removeAdditional: false, allErrors: true },
  onCreate: (ajv: {
    addFormat(name: string, format: { type: 'string'; validate: (text: string) => boolean }): unknown;
  }) => ajv.addFormat('date-time', { type: 'string', validate: isStorableInstant }),
} as const;

/** How schemas become request validators (ajv) and response serializers (fast-json-stringify), both on first use. */
const SCHEMA_OPTIONS = {
  ajv: AJV_OPTIONS,
  schemaController: { compilersFactory: { buildValidator: lazyValidators(), buildSerializer: lazySerializers() } },
};

/** Builds the whole API; used by the server and by the tests alike. */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : { ...secureLoggerOptions(config.LOG_LEVEL), ...(typeof options.logger === 'object' ? options.logger : {}) },
    ...SCHEMA_OPTIONS,
    trustProxy: trustedProxies(config),
    frameworkErrors: (error, request, reply) => {
      void sendFrameworkProblem(error, request, reply);
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const database = options.database ?? (await openDatabase(databaseOptions(config)));
  const clock = options.clock ?? (config.CLOCK_FIXED_AT ? new SettableClock(config.CLOCK_FIXED_AT) : systemClock);

  await app.register(problemsPlugin, { flagUndocumented: config.NODE_ENV !== 'production' });
  await app.register(inputTextPlugin);
  await app.register(httpCachePlugin);
  await app.register(securityHeadersPlugin);
  await app.register(databasePlugin, { handle: database, closeOnShutdown: !options.database });
  await app.register(clockPlugin, { clock });
  await app.register(storagePlugin, { storage: options.storage ?? createStorage(config) });
  await app.register(jobsPlugin, { pollSeconds: config.JOBS_POLL_SECONDS });
  decorateDeps(app);
  await app.register(storageSweepPlugin, { sweepEveryMs: config.STORAGE_SWEEP_MINUTES * 60_000 });
  await keepReferenceDataFresh(app, config.REFERENCE_CACHE_TTL_MS);
  await app.register(messengerPlugin, { config });
  await app.register(retentionPlugin, { everySeconds: config.RETENTION_EVERY_SECONDS });
  await app.register(webhooksPlugin, webhookSettings(config));
  app.decorate('verificationSender', options.verificationSender ?? messengerVerificationSender(app.messenger));
  await app.register(authPlugin, { secret: config.JWT_SECRET, accessTokenTtl: config.ACCESS_TOKEN_TTL });
  await app.register(csrfPlugin, { secret: config.JWT_SECRET, path: '/api/v1/auth' });
  await app.register(editionScopePlugin);
  await app.register(idempotencyPlugin, { ttlHours: config.IDEMPOTENCY_TTL_HOURS, sweepEveryMs: 10 * 60_000 });
  await app.register(rateLimitPlugin, { redisUrl: config.REDIS_URL, keyPrefix: config.REDIS_KEY_PREFIX });
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 20 } });
  await app.register(openapiPlugin);

  await app.register(systemRoutes);
  await app.register(
    async (api) => {
      await api.register(editionsRoutes);
      await api.register(expertsRoutes);
      await api.register(reviewRoutes);
      await api.register(awardsRoutes);
      await api.register(resultsRoutes);
      await api.register(ledgerRoutes);
      await api.register(jobsRoutes);
      await api.register(messagesRoutes, { secret: config.JWT_SECRET });
      await api.register(announcementsRoutes);
      await api.register(feedbackRoutes);
      await api.register(webhooksRoutes, { allowPrivateTargets: config.WEBHOOK_ALLOW_PRIVATE_TARGETS });
      await api.register(accountsRoutes, {
        refreshTtlDays: config.REFRESH_TOKEN_TTL_DAYS,
        authRateLimitMax: config.AUTH_RATE_LIMIT_MAX,
        accountAttemptsMax: config.ACCOUNT_ATTEMPTS_MAX,
        accountLockoutMinutes: config.ACCOUNT_LOCKOUT_MINUTES,
        sessionCookieSecure: config.SESSION_COOKIE_SECURE,
      });
      await api.register(teamsRoutes);
      await api.register(projectsRoutes);
      await api.register(privacyRoutes);
      await api.register(recommendationRoutes);
      await api.register(progressRoutes);
      await api.register(clientSettingsRoutes, { demoLogins: config.SEED_DEMO && config.NODE_ENV !== 'production' });
    },
    { prefix: '/api/v1' },
  );

  await registerAdmin(app, resolve(config.ADMIN_DIST));
  return app;
}

/** What every use case takes first; `notify` and `emit` reach the messenger and webhooks registered after. */
function decorateDeps(app: FastifyInstance): void {
  const notify: Deps['notify'] = (input, tx) => app.messenger.notify(input, tx);
  const emit: Deps['emit'] = (emission, tx) => app.webhooks.emit(emission, tx);
  app.decorate('deps', { db: app.db, clock: app.clock, storage: app.storage, notify, emit });
}

/** How webhook deliveries go out (modules/webhooks). */
const webhookSettings = (config: Config) => ({
  allowPrivateTargets: config.WEBHOOK_ALLOW_PRIVATE_TARGETS,
  secrets: createSecretBox(secretsKey(config)),
  timeoutMs: config.WEBHOOK_TIMEOUT_MS,
  retryLimit: config.WEBHOOK_RETRY_LIMIT,
  retryDelaySeconds: config.WEBHOOK_RETRY_DELAY_SECONDS,
});

/**
 * Edition reference data and anonymous public answers are kept in memory for `ttlMs`
 * (modules/editions/reference-cache.ts, plugins/public-read-cache.ts); a write request of this
 * process forgets them before it runs and again before it answers.
 */
async function keepReferenceDataFresh(app: FastifyInstance, ttlMs: number): Promise<void> {
  cacheReferenceData(app.db, ttlMs);
  await app.register(publicReadCachePlugin, { db: app.db });
  const safe = new Set(['GET', 'HEAD', 'OPTIONS']);
  app.addHook('onRequest', async (request) => {
    if (!safe.has(request.method)) forgetReferenceData(app.db);
  });
  // Before the answer leaves, so the client's next request cannot see what was kept before the write.
  app.addHook('onSend', async (request: FastifyRequest, _reply, payload) => {
    if (!safe.has(request.method)) forgetReferenceData(app.db);
    return payload;
  });
}

/** Serves the built admin SPA at /admin (any unknown path under it gets index.html). */
async function registerAdmin(app: FastifyInstance, adminDist: string): Promise<void> {
  if (!existsSync(resolve(adminDist, 'index.html'))) {
    app.log.info({ adminDist }, 'admin not built: /admin is not served');
    return;
  }
  await app.register(fastifyStatic, { root: adminDist, prefix: '/admin/', wildcard: false, index: 'index.html' });
  app.get('/admin/*', { schema: { hide: true } }, (_request, reply) => reply.sendFile('index.html'));
  app.get('/admin', { schema: { hide: true } }, (_request, reply) => reply.redirect('/admin/'));
  app.get('/', { schema: { hide: true } }, (_request, reply) => reply.redirect('/admin/'));
}
