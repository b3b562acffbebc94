import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import localizeAjv from 'ajv-i18n';
import {
  describeConstraint,
  formatMessage,
  negotiateLocale,
  statusTitle,
  type ErrorCode,
  type Locale,
} from '@saishi/shared';
import { DomainError } from '../lib/errors.js';
import type { ProblemBody } from '../lib/http-schemas.js';
import { TRANSPORT_STATUSES } from '../lib/problem-codes.js';
import { describeAjvError, type AjvError } from '../lib/validation-messages.js';
import {
  DATABASE_RETRY_AFTER_SECONDS,
  FOREIGN_KEY_VIOLATION,
  UNIQUE_VIOLATION,
  isDatabaseUnavailable,
  pgErrorOf,
} from '../lib/pg-errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The response language: zh-CN unless the client asks for English. */
    locale: Locale;
  }
}

const kebab = (code: string) => code.toLowerCase().replaceAll('_', '-');

function problem(
  request: FastifyRequest,
  status: number,
  code: ErrorCode,
  options: Partial<Pick<ProblemBody, 'ruleId' | 'errors' | 'existing'>> & {
    params?: Record<string, string | number>;
  } = {},
): ProblemBody {
  const { locale } = request;
  return {
    type: `urn:saishi:problem:${kebab(code)}`,
    title: statusTitle(status)[locale],
    status,
    detail: formatMessage(code, locale, options.params),
    instance: request.url,
    code,
    ...(options.ruleId ? { ruleId: options.ruleId } : {}),
    ...(options.errors ? { errors: options.errors } : {}),
    ...(options.existing ? { existing: options.existing } : {}),
  };
}

function validationProblem(request: FastifyRequest, error: FastifyError): ProblemBody {
  const ajvErrors: AjvError[] = structuredClone(error.validation ?? []);
  if (request.locale === 'zh-CN') localizeAjv.zh(ajvErrors as never);
  const context = error.validationContext ?? 'body';
  const errors = ajvErrors.map((ajvError) => describeAjvError(ajvError, context, request.locale));
  return {
    ...problem(request, 400, 'VALIDATION_FAILED', { errors }),
    // The first field's message says more than "the request is not valid" in a toast.
    ...(errors[0]
      ? {
          detail: `${formatMessage('VALIDATION_FAILED', request.locale)}${request.locale === 'en' ? ': ' : '：'}${errors[0].message}`,
        }
      : {}),
  };
}

/** Maps a framework error with a 4xx status to a problem with a stable code. */
function clientErrorCode(error: FastifyError, status: number): ErrorCode {
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 414) return 'URI_TOO_LONG';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 401) return 'UNAUTHORIZED';
  if (status === 404) return 'NOT_FOUND';
  if (error.code?.startsWith('FST_CSRF_')) return 'CSRF_TOKEN_INVALID';
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) return 'MALFORMED_BODY';
  return 'BAD_REQUEST';
}

export function toProblem(request: FastifyRequest, error: FastifyError): ProblemBody {
  if (error instanceof DomainError) {
    return problem(request, error.status, error.code, {
      params: error.params,
      ...(error.ruleId ? { ruleId: error.ruleId } : {}),
      ...(error.existing ? { existing: error.existing } : {}),
      ...(error.fields.length
        ? {
            errors: error.fields.map((field) => ({
              path: field.path,
              message: formatMessage(field.code, request.locale, field.params),
              code: field.code,
              ...(field.ruleId ? { ruleId: field.ruleId } : {}),
            })),
          }
        : {}),
    });
  }
  if (error.validation) return validationProblem(request, error);
  if (isDatabaseUnavailable(error)) return problem(request, 503, 'SERVICE_UNAVAILABLE');
  const pgError = pgErrorOf(error);
  if (pgError?.code === UNIQUE_VIOLATION || pgError?.code === FOREIGN_KEY_VIOLATION) {
    const kind = pgError.code === UNIQUE_VIOLATION ? 'unique' : 'foreign_key';
    const sentence = describeConstraint(pgError.constraint, kind)[request.locale];
    return problem(request, 409, 'CONFLICT', { params: { detail: sentence } });
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return problem(request, status, clientErrorCode(error, status), {
      params: { reason: error.message, resource: request.url },
    });
  }
  return problem(request, 500, 'INTERNAL_ERROR');
}

export function sendProblem(reply: FastifyReply, body: ProblemBody): FastifyReply {
  return reply.code(body.status).type('application/problem+json').send(body);
}

/**
 * For Fastify's `frameworkErrors`: a URL the router refuses (a bad escape, a parameter past
 * `maxParamLength`) is answered before any hook runs, so the locale is negotiated here.
 */
export function sendFrameworkProblem(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  request.locale = negotiateLocale(request.headers['accept-language']);
  return sendProblem(reply, toProblem(request, error));
}

/** Set (outside production) on a problem whose code its operation does not document; tests refuse it. */
export const UNDOCUMENTED_PROBLEM_HEADER = 'saishi-undocumented-problem';

/**
 * Whether the problem is one its operation documents, when the operation declares its codes
 * (transport statuses and server errors aside): a code thrown but not listed is drift to fix.
 */
function isUndocumented(request: FastifyRequest, body: ProblemBody): boolean {
  const documented = request.routeOptions?.config?.problemCodes;
  if (!documented || body.status >= 500 || TRANSPORT_STATUSES.has(body.status)) return false;
  return !documented[body.status]?.includes(body.code);
}

/** One error handler for the whole API: every failure leaves as localized application/problem+json. */
export default fp<{ flagUndocumented?: boolean }>(
  async (app, { flagUndocumented = false }) => {
    app.decorateRequest('locale', 'zh-CN');
    app.addHook('onRequest', async (request, reply) => {
      request.locale = negotiateLocale(request.headers['accept-language']);
      reply.header('content-language', request.locale);
    });

    app.setErrorHandler((error: FastifyError, request, reply) => {
      const body = toProblem(request, error);
      // The database is stalled, lost or restarting: the client may retry shortly.
      if (body.status === 503) {
        reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
        request.log.warn({ err: error }, 'database unavailable');
      } else if (body.status >= 500) request.log.error({ err: error }, 'request failed');
      else request.log.info({ code: body.code, status: body.status }, 'request refused');
      if (isUndocumented(request, body)) {
        const operation = request.routeOptions.schema?.operationId;
        request.log.error({ code: body.code, status: body.status, operation }, 'problem code not documented');
        if (flagUndocumented) reply.header(UNDOCUMENTED_PROBLEM_HEADER, `${operation} ${body.status} ${body.code}`);
      }
      return sendProblem(reply, body);
    });

    app.setNotFoundHandler((request, reply) =>
      sendProblem(
        reply,
        problem(request, 404, 'ROUTE_NOT_FOUND', { params: { method: request.method, url: request.url } }),
      ),
    );
  },
  { name: 'problems' },
);
