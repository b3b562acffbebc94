import type { ErrorCode } from '@saishi/shared';
import { Type } from 'typebox';
import { EDITION_BOUND_SEGMENTS } from './scope.js';

/** The error codes an operation's own handler throws, by HTTP status: declared next to its words. */
export type OperationErrors = Partial<Record<number, readonly ErrorCode[]>>;

/** The problem codes an operation may answer, by HTTP status: its own and those of the plumbing it goes through. */
export type ProblemCodes = Record<number, ErrorCode[]>;

/** Statuses any route may answer from the transport, not from what it is: never flagged as undocumented. */
export const TRANSPORT_STATUSES = new Set([413, 414, 415, 429]);

/** The codes of the transport statuses, for a route that documents one (a rate-limited login, an upload's size). */
export const TRANSPORT_CODES: ProblemCodes = {
  413: ['PAYLOAD_TOO_LARGE'],
  414: ['URI_TOO_LONG'],
  415: ['UNSUPPORTED_MEDIA_TYPE'],
  429: ['RATE_LIMITED'],
};

interface RouteFacts {
  method: string | string[];
  url: string;
  schema: { body?: unknown; querystring?: unknown; params?: unknown };
  /** 'public' routes go through no guard; 'role' ones may also answer 403. */
  requirement: 'public' | 'optional' | 'token' | 'role';
}

const propertiesOf = (schema: unknown): Record<string, unknown> =>
  (schema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};

/**
 * The codes the plumbing answers for a route, derived from what the route is (its method, inputs,
 * guard and path), so that no operation has to list them: validation, cursors, tokens, roles,
 * edition scope, the database's constraints and availability.
 */
function plumbingCodes(route: RouteFacts): ProblemCodes {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const write = methods.some((method) => !['GET', 'HEAD', 'OPTIONS'].includes(method));
  const inputs = [route.schema.params, route.schema.querystring, route.schema.body];
  const namesEdition = inputs.some((schema) => 'edition' in propertiesOf(schema));
  const segment = route.url.replace(/^\/api\/v1\//, '').split('/')[0] ?? '';
  const editionBound = namesEdition || (route.url.includes(':id') && EDITION_BOUND_SEGMENTS.has(segment));
  const codes: ProblemCodes = {
    400: [
      'VALIDATION_FAILED',
      'BAD_REQUEST',
      // Any parameter, query or body string is checked for control characters (plugins/input-text.ts).
      'TEXT_CONTROL_CHARACTER',
      ...(route.schema.body ? (['MALFORMED_BODY'] as const) : []),
      ...('cursor' in propertiesOf(route.schema.querystring) ? (['INVALID_CURSOR'] as const) : []),
    ],
    503: ['SERVICE_UNAVAILABLE'],
  };
  if (route.requirement !== 'public') codes[401] = ['UNAUTHORIZED', 'TOKEN_INVALID'];
  if (route.requirement === 'role') codes[403] = ['FORBIDDEN', ...(write ? (['DIVISION_READ_ONLY'] as const) : [])];
  if (editionBound) codes[404] = ['EDITION_NOT_FOUND'];
  if (write) {
    codes[409] = ['CONFLICT', 'IDEMPOTENCY_REQUEST_IN_PROGRESS'];
    codes[422] = ['IDEMPOTENCY_KEY_REUSED'];
  }
  return codes;
}

/** The operation's own codes and the plumbing's, by status, each list without repeats. */
export function problemCodesOf(route: RouteFacts, own: OperationErrors): ProblemCodes {
  const merged: ProblemCodes = {};
  for (const source of [plumbingCodes(route), own])
    for (const [status, codes] of Object.entries(source))
      merged[Number(status)] = [...new Set([...(merged[Number(status)] ?? []), ...(codes ?? [])])];
  return merged;
}

/**
 * The documented answer of one status: a Problem whose `code` is one of `codes` (a named
 * `Problem` narrowed per operation, so generated clients can list an operation's codes).
 */
export function problemAnswer(description: string, codes: readonly ErrorCode[]) {
  return {
    description,
    content: {
      'application/problem+json': {
        schema: Type.Intersect([
          Type.Ref('Problem'),
          Type.Object({
            code: Type.Unsafe<ErrorCode>({
              type: 'string',
              enum: [...codes],
              description: 'The codes this operation answers with this status',
            }),
          }),
        ]),
      },
    },
  };
}
