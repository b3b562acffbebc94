import { hkdfSync } from 'node:crypto';
import { isIP } from 'node:net';
import { envSchema } from 'env-schema';
import { Type, type Static } from 'typebox';
import { DEFAULT_POOL, type DatabaseOptions } from './db/options.js';

const DEVELOPMENT_JWT_SECRET = 'saishi-development-secret-change-me-0123456789';

/** Every setting comes from the environment; see the README's configuration table. */
export const ConfigSchema = Type.Object({
  NODE_ENV: Type.Union([Type.Literal('development'), Type.Literal('production'), Type.Literal('test')], {
    default: 'development',
  }),
  HOST: Type.String({ default: '127.0.0.1' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)),
    { default: 'info' },
  ),
  /** A PostgreSQL URL; when unset the embedded PGlite database is used. */
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  /** Connections to the database kept at most by this process. */
  DATABASE_POOL_MAX: Type.Integer({ minimum: 1, maximum: 1000, default: DEFAULT_POOL.max }),
  /** Giving up on opening a connection to the database after this long: 503. */
  DATABASE_CONNECT_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 600_000, default: DEFAULT_POOL.connectTimeoutMs }),
  /** Giving up on waiting for a free connection of the pool after this long: 503. */
  DATABASE_ACQUIRE_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 600_000, default: DEFAULT_POOL.acquireTimeoutMs }),
  /** PostgreSQL cancels a statement running longer than this (0: never): 503. */
  DATABASE_STATEMENT_TIMEOUT_MS: Type.Integer({
    minimum: 0,
    maximum: 3_600_000,
    default: DEFAULT_POOL.statementTimeoutMs,
  }),
  /** Giving up on an answer of the database (stalled server or network) after this long: 503. */
  DATABASE_QUERY_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 3_600_000, default: DEFAULT_POOL.queryTimeoutMs }),
  /**
   * PostgreSQL: prepare each statement once per connection, saving its planning at every request.
   */
  DATABASE_PREPARE_STATEMENTS: Type.Boolean({ default: true }),
  /** Folder of the embedded database (ignored with DATABASE_URL); `memory://` keeps it in memory. */
  DATA_DIR: Type.String({ default: './.data/pglite' }),
  /** Folder of uploaded files for the local-disk storage. */
  STORAGE_DIR: Type.String({ default: './.data/files' }),
  /** `local` (files under STORAGE_DIR) or `s3` (an S3-compatible bucket, settings below). */
  STORAGE_DRIVER: Type.Union([Type.Literal('local'), Type.Literal('s3')], { default: 'local' }),
  /** How often orphaned partial uploads and discarded files are swept from storage (also once at start). */
  STORAGE_SWEEP_MINUTES: Type.Integer({ minimum: 1, maximum: 1440, default: 10 }),
  S3_BUCKET: Type.Optional(Type.String({ minLength: 1 })),
  /** Endpoint of an S3-compatible server (MinIO, Ceph...); unset for AWS S3 itself. */
  S3_ENDPOINT: Type.Optional(Type.String({ pattern: '^https?://' })),
  S3_REGION: Type.String({ default: 'us-east-1' }),
  /** Unset to use the AWS SDK's default credential chain. */
  S3_ACCESS_KEY_ID: Type.Optional(Type.String()),
  S3_SECRET_ACCESS_KEY: Type.Optional(Type.String()),
  /** Path-style URLs (`endpoint/bucket/key`), needed by most self-hosted S3 servers. */
  S3_FORCE_PATH_STYLE: Type.Boolean({ default: false }),
  /** Secret for signing access tokens; must be set in production. */
  JWT_SECRET: Type.String({ minLength: 32, default: DEVELOPMENT_JWT_SECRET }),
  /**
   * The key (base64 of 32 bytes) that encrypts the secrets kept in the database (webhook signing
   * secrets, AES-256-GCM); must be set in production. Elsewhere it is derived from JWT_SECRET.
   */
  SECRETS_KEY: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9+/_-]{43}=?$' })),
  ACCESS_TOKEN_TTL: Type.String({ default: '15m' }),
  REFRESH_TOKEN_TTL_DAYS: Type.Integer({ minimum: 1, default: 30 }),
  /**
   * The admin's refresh-token cookie (httpOnly, SameSite=Strict, on /api/v1/auth only): `auto`
   * marks it Secure when the request arrived over TLS (directly, or through a trusted proxy saying
   * `X-Forwarded-Proto: https`), `always` marks it Secure everywhere, `never` nowhere (plain-HTTP
   * development on another host than localhost).
   */
  SESSION_COOKIE_SECURE: Type.Union([Type.Literal('auto'), Type.Literal('always'), Type.Literal('never')], {
    default: 'auto',
  }),
  /** Login and sign-up attempts allowed per client IP and minute. */
  AUTH_RATE_LIMIT_MAX: Type.Integer({ minimum: 1, default: 10 }),
  /** Failed logins (and sign-ups) per account before it is locked for ACCOUNT_LOCKOUT_MINUTES. */
  ACCOUNT_ATTEMPTS_MAX: Type.Integer({ minimum: 1, default: 5 }),
  ACCOUNT_LOCKOUT_MINUTES: Type.Integer({ minimum: 1, default: 15 }),
  /**
   * Proxies whose `X-Forwarded-For` is believed: empty (the default) believes none, else a
   * comma-separated list of addresses, CIDR ranges or `loopback`, `linklocal`, `uniquelocal`.
   */
  TRUST_PROXY: Type.String({ default: '' }),
  /** Redis shared by every API instance for the rate limits; unset = in memory (one instance). */
  REDIS_URL: Type.Optional(Type.String({ pattern: '^rediss?://' })),
  /** Prefix of the keys this deployment writes to Redis. */
  REDIS_KEY_PREFIX: Type.String({ default: 'saishi:' }),
  /** How long an answer to a write with an Idempotency-Key is kept for retries. */
  IDEMPOTENCY_TTL_HOURS: Type.Integer({ minimum: 1, default: 24 }),
  /**
   * How long edition reference data (editions, divisions) is kept in memory, in milliseconds (0:
   * not kept). A write through this instance forgets it at once; other instances see it after this.
   */
  REFERENCE_CACHE_TTL_MS: Type.Integer({ minimum: 0, maximum: 600_000, default: 5_000 }),
  /** When both are set, an admin account with this login is created at start (if missing). */
  ADMIN_EMAIL: Type.Optional(Type.String({ pattern: '^[^@\\s]+@[^@\\s]+$' })),
  ADMIN_PASSWORD: Type.Optional(Type.String({ minLength: 10 })),
  /** Load the 2024 Guangxi demo edition when the database has no edition yet. */
  SEED_DEMO: Type.Boolean({ default: true }),
  /** Folder of the built admin SPA, served at /admin when it exists. */
  ADMIN_DIST: Type.String({ default: '../admin/dist' }),
  /** How often an idle worker of the job runner looks for new jobs (a job sent by the same instance starts at once). */
  JOBS_POLL_SECONDS: Type.Number({ minimum: 0.5, maximum: 600, default: 2 }),
  /** How often the reminders of collection deadlines are looked for (each is sent once, by one instance). */
  REMINDERS_EVERY_SECONDS: Type.Number({ minimum: 0.5, maximum: 86_400, default: 600 }),
  /** How often the retention job deletes the personal information whose period is over (one instance runs it). */
  RETENTION_EVERY_SECONDS: Type.Number({ minimum: 0.5, maximum: 86_400, default: 3600 }),
  /** SMTP server of outgoing mail (`smtp://user:pass@host:587`, `smtps://…:465`); unset = the log driver. */
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://' })),
  /** The From of outgoing mail. */
  MAIL_FROM: Type.String({ default: '赛事平台 <no-reply@saishi.local>' }),
  /** Where people reach the platform, for links in messages (unsubscribe, password reset, invitations). */
  PUBLIC_URL: Type.String({ pattern: '^https?://', default: 'http://localhost:3000' }),
  /** `log` (the server log) or `aliyun` (Alibaba Cloud SMS, settings below). */
  SMS_DRIVER: Type.Union([Type.Literal('log'), Type.Literal('aliyun')], { default: 'log' }),
  ALIYUN_SMS_ENDPOINT: Type.String({ pattern: '^https?://', default: 'https://dysmsapi.aliyuncs.com' }),
  ALIYUN_ACCESS_KEY_ID: Type.Optional(Type.String({ minLength: 1 })),
  ALIYUN_ACCESS_KEY_SECRET: Type.Optional(Type.String({ minLength: 1 })),
  ALIYUN_SMS_SIGN_NAME: Type.Optional(Type.String({ minLength: 1 })),
  /** The registered template of each kind: `verification_code=SMS_123456,…`. */
  ALIYUN_SMS_TEMPLATES: Type.String({ default: '' }),
  /**
   * Webhooks may target private, loopback and link-local addresses (the SSRF guard is off). Only
   * for tests and closed networks: an organizer could otherwise reach the platform's own network.
   */
  WEBHOOK_ALLOW_PRIVATE_TARGETS: Type.Boolean({ default: false }),
  /** A webhook try without a complete answer within this long fails (and is retried). */
  WEBHOOK_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 60_000, default: 10_000 }),
  /** Retries of a webhook delivery before it is `failed`. */
  WEBHOOK_RETRY_LIMIT: Type.Integer({ minimum: 0, maximum: 20, default: 8 }),
  /** Seconds before the first retry of a webhook delivery, doubled (with jitter) each time: 8 retries from 30 s span about 2 hours. */
  WEBHOOK_RETRY_DELAY_SECONDS: Type.Integer({ minimum: 1, maximum: 3600, default: 30 }),
  /** Freeze the clock at this instant (ISO 8601), e.g. to replay a stage of a past edition. */
  CLOCK_FIXED_AT: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}' })),
});

export type Config = Static<typeof ConfigSchema>;

/** The database options of a configuration, for `openDatabase()`. */
export function databaseOptions(config: Config): DatabaseOptions {
  return {
    url: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    prepareStatements: config.DATABASE_PREPARE_STATEMENTS,
    pool: {
      max: config.DATABASE_POOL_MAX,
      connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS,
      acquireTimeoutMs: config.DATABASE_ACQUIRE_TIMEOUT_MS,
      statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
      queryTimeoutMs: config.DATABASE_QUERY_TIMEOUT_MS,
    },
  };
}

/** Reads and validates the configuration; a bad value stops the start with a clear message. */
export function loadConfig(
  overrides: Partial<Record<keyof Config, unknown>> = {},
  env: NodeJS.ProcessEnv = process.env,
): Config {
  const data = { ...env, ...overrides };
  const config = envSchema<Config>({ schema: ConfigSchema, data, dotenv: false, env: false });
  if (config.NODE_ENV === 'production' && config.JWT_SECRET === DEVELOPMENT_JWT_SECRET) {
    throw new Error('JWT_SECRET must be set to a secret of at least 32 characters in production');
  }
  if (config.NODE_ENV === 'production' && !config.SECRETS_KEY) {
    throw new Error('SECRETS_KEY must be set in production: 32 random bytes in base64 (openssl rand -base64 32)');
  }
  trustedProxies(config);
  if (
    config.SMS_DRIVER === 'aliyun' &&
    !(config.ALIYUN_ACCESS_KEY_ID && config.ALIYUN_ACCESS_KEY_SECRET && config.ALIYUN_SMS_SIGN_NAME)
  ) {
    throw new Error(
      'ALIYUN_ACCESS_KEY_ID, ALIYUN_ACCESS_KEY_SECRET and ALIYUN_SMS_SIGN_NAME must be set when SMS_DRIVER=aliyun',
    );
  }
  if (config.STORAGE_DRIVER === 's3' && !config.S3_BUCKET) {
    throw new Error('S3_BUCKET must be set when STORAGE_DRIVER=s3');
  }
  return config;
}

/**
 * The 32-byte key of the secrets kept in the database: SECRETS_KEY, or outside production one
 * derived from JWT_SECRET (HKDF-SHA256), so development and tests need no setting.
 */
export function secretsKey(config: Pick<Config, 'SECRETS_KEY' | 'JWT_SECRET'>): Buffer {
  // Node's base64 decoder reads the URL-safe alphabet too; the pattern admits 32 bytes only.
  if (config.SECRETS_KEY) return Buffer.from(config.SECRETS_KEY, 'base64');
  return Buffer.from(hkdfSync('sha256', config.JWT_SECRET, 'saishi', 'secrets key', 32));
}

const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** TRUST_PROXY as Fastify's `trustProxy`: false, or the list of trusted proxies (checked). */
export function trustedProxies(config: Pick<Config, 'TRUST_PROXY'>): false | string[] {
  const entries = config.TRUST_PROXY.split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const wrong = entries.find((entry) => !isProxyAddress(entry));
  if (wrong !== undefined) {
    throw new Error(`TRUST_PROXY: "${wrong}" is not an IP address, a CIDR range, loopback, linklocal or uniquelocal`);
  }
  return entries.length > 0 ? entries : false;
}
