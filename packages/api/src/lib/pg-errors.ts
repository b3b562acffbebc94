/** The SQLSTATE and constraint of a PostgreSQL error, whichever driver raised it and however drizzle wrapped it. */
export interface PgErrorInfo {
  code: string;
  constraint?: string;
}

export const UNIQUE_VIOLATION = '23505';
export const FOREIGN_KEY_VIOLATION = '23503';
export const CHECK_VIOLATION = '23514';
export const SERIALIZATION_FAILURE = '40001';
export const DEADLOCK_DETECTED = '40P01';
export const RAISE_EXCEPTION = 'P0001';

export function pgErrorOf(error: unknown): PgErrorInfo | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const candidate = current as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return {
        code: candidate.code,
        ...(typeof candidate.constraint === 'string' ? { constraint: candidate.constraint } : {}),
      };
    }
    current = candidate.cause;
  }
  return undefined;
}

/** Whether the error is a unique violation, optionally of one named constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const info = pgErrorOf(error);
  return info?.code === UNIQUE_VIOLATION && (constraint === undefined || info.constraint === constraint);
}

/**
 * SQLSTATEs of a database that is unreachable or gave up on a statement rather than refused it:
 * connection exceptions (08…), statement_timeout (57014), a terminated backend or a server going
 * down (57P01–57P03), too many connections (53300), lock_timeout (55P03).
 */
const UNAVAILABLE_STATES = new Set(['57014', '57P01', '57P02', '57P03', '53300', '55P03']);

/** Errors of the `pg` driver and of the network when the answer never came or the connection broke. */
const UNAVAILABLE_MESSAGES = [
  'Query read timeout',
  'Connection terminated',
  'timeout exceeded when trying to connect',
  // The client's own connect timeout (pg's Client destroys the socket with this error), when a
  // connection is opened while the server does not answer.
  'timeout expired',
  'is not queryable',
  'Client was closed',
];
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOENT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * Whether the error means the database is not available right now (stalled, lost, restarting, or
 * cancelling a statement that waited too long): the request should be answered 503 with a
 * Retry-After, not 500. Looks through drizzle's wrapping (`cause`).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const candidate = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string') {
      if (NETWORK_CODES.has(candidate.code)) return true;
      if (candidate.code.startsWith('08') || UNAVAILABLE_STATES.has(candidate.code)) return true;
    }
    if (typeof candidate.message === 'string') {
      const { message } = candidate;
      if (UNAVAILABLE_MESSAGES.some((text) => message.includes(text))) return true;
    }
    current = candidate.cause;
  }
  return false;
}

/** Seconds a client is told to wait (Retry-After) when the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Thrown for a request refused because the database's health check fails. */
export class DatabaseUnavailableError extends Error {
  constructor() {
    super('the database is unavailable');
    this.name = 'DatabaseUnavailableError';
  }
}
