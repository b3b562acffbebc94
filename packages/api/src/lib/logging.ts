import type { FastifyServerOptions } from 'fastify';
import { stdSerializers } from 'pino';

const REDACTED = '[redacted]';

type SerializedError = { [key: string]: unknown; type: string; message: string; stack: string };

/** Fields never written to a log, whatever object they appear in (checked case-insensitively). */
const SECRET_KEYS = new Set(
  [
    'params',
    'parameters',
    'detail',
    'password',
    'passwordHash',
    'password_hash',
    'token',
    'accessToken',
    'refreshToken',
    'authorization',
    'cookie',
    'set-cookie',
  ].map((key) => key.toLowerCase()),
);

/** Strings that look like secrets: SQL parameters in a driver message, argon2 hashes, JWTs. */
function scrub(text: string): string {
  return text
    .replace(/\nparams: [^\n]*/g, `\nparams: ${REDACTED}`)
    .replace(/\$argon2(?:id|i|d)\$[^\s,'"]+/g, REDACTED)
    .replace(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g, REDACTED);
}

function scrubValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return scrub(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      SECRET_KEYS.has(key.toLowerCase()) ? REDACTED : scrubValue(item, depth + 1),
    ]),
  );
}

/**
 * Serializes an error as pino does, without what a failed query carries: its parameters (a
 * password hash, an email...), in the `params` field as well as in the message and stack,
 * database `detail` lines (`Key (email)=(...)`), tokens and hashes anywhere in the error.
 */
export function serializeError(error: Error): SerializedError {
  return scrubValue(stdSerializers.err(error), 0) as SerializedError;
}

/** The logger settings every app gets: secret headers, fields and error contents redacted. */
export function secureLoggerOptions(level: string): Exclude<FastifyServerOptions['logger'], boolean | undefined> {
  return {
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        'password',
        'passwordHash',
        'refreshToken',
        'accessToken',
        '*.password',
        '*.passwordHash',
        '*.refreshToken',
        '*.accessToken',
        '*.token',
      ],
      censor: REDACTED,
    },
    serializers: { err: serializeError, error: serializeError },
  };
}
