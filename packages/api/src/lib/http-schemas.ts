import type { FastifyRequest } from 'fastify';
import { ERROR_CODES, type ErrorCode } from '@saishi/shared';
import { Type, type Static, type TSchema } from 'typebox';
import type { OperationErrors } from './problem-codes.js';

/**
 * A reference to a named component schema (one with an `$id`, added with `app.addSchema`):
 * the document shows it once under components.schemas, so generated clients get a named type.
 */
export function ref<T extends TSchema>(schema: T) {
  const id = (schema as { $id?: unknown }).$id;
  if (typeof id !== 'string') throw new Error('ref() needs a schema with an $id');
  return Type.Unsafe<Static<T>>(Type.Ref(id));
}

/** Every error code of the API, from the one message catalog (packages/shared). */
export const ErrorCodeSchema = Type.Unsafe<ErrorCode>({
  $id: 'ErrorCode',
  title: 'ErrorCode',
  type: 'string',
  enum: ERROR_CODES,
  description: 'Stable machine code of a problem; its zh-CN and English messages are in the shared catalog',
});

/** One offending input of a problem: where, what is wrong, and what is allowed. */
export const FieldError = Type.Object(
  {
    path: Type.String({ description: 'JSON pointer of the input, e.g. /body/name or /querystring/limit' }),
    message: Type.String({ description: 'What is wrong and how to fix it, in the request language' }),
    code: Type.Optional(ref(ErrorCodeSchema)),
    ruleId: Type.Optional(Type.String({ description: 'The SPEC.md rule, e.g. R-SOC-4' })),
    label: Type.Optional(Type.String({ description: 'The field’s name in the request language, e.g. 邮箱' })),
    allowedValues: Type.Optional(
      Type.Array(Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]), {
        description: 'The values the field may take (an enumeration)',
      }),
    ),
    limit: Type.Optional(Type.Number({ description: 'The bound the value broke (minimum, maximum, length…)' })),
    property: Type.Optional(Type.String({ description: 'The unknown or missing property' })),
  },
  { $id: 'FieldError', title: 'FieldError' },
);

/** RFC 9457 problem details, as every error response of the API. */
export const Problem = Type.Object(
  {
    type: Type.String({ description: 'URI naming the problem type, e.g. urn:saishi:problem:team-size-exceeded' }),
    title: Type.String({ description: 'The HTTP status in words, in the request language' }),
    status: Type.Integer({ description: 'The HTTP status code' }),
    detail: Type.String({ description: 'What went wrong, in the request language (zh-CN or en)' }),
    instance: Type.Optional(Type.String({ description: 'The request path' })),
    code: ref(ErrorCodeSchema),
    ruleId: Type.Optional(Type.String({ description: 'The SPEC.md rule, e.g. R-SOC-4' })),
    existing: Type.Optional(
      Type.Object(
        { id: Type.String({ format: 'uuid' }), name: Type.String() },
        {
          description:
            'What the request collides with, to use instead: the unit of `UNIT_EXISTS`, the team of `ALREADY_IN_A_TEAM`',
        },
      ),
    ),
    errors: Type.Optional(Type.Array(ref(FieldError))),
  },
  {
    $id: 'Problem',
    title: 'Problem',
    examples: [
      {
        type: 'urn:saishi:problem:validation-failed',
        title: 'Bad Request',
        status: 400,
        detail: '请求参数校验失败：赛道不是可选的值（可选：society、university）',
        instance: '/api/v1/teams',
        code: 'VALIDATION_FAILED',
        errors: [
          {
            path: '/body/track',
            message: '赛道不是可选的值（可选：society、university）',
            code: 'VALIDATION_FAILED',
            label: '赛道',
            allowedValues: ['society', 'university'],
          },
        ],
      },
    ],
  },
);
export type ProblemBody = Static<typeof Problem>;

/** The shared named schemas every route may reference; the OpenAPI plugin adds them to the app. */
export const SHARED_SCHEMAS = [ErrorCodeSchema, FieldError, Problem];

const problemContent = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: Type.Ref('Problem') } },
});

export const STATUS_DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed request or invalid input',
  401: 'Missing, expired or invalid access token',
  403: 'Authenticated but not allowed',
  404: 'No such resource',
  409: 'Conflicts with the current state',
  413: 'Content too large',
  415: 'Unsupported media type',
  416: 'Range not satisfiable',
  422: 'Breaks a competition rule',
  429: 'Rate limited; retry after the seconds of Retry-After',
  503: 'The database or a service it needs is unavailable; retry later (Retry-After)',
};

/** Problem responses for the given statuses, for a route's `response` schema. */
export function problemResponses(...statuses: number[]): Record<number, ReturnType<typeof problemContent>> {
  return Object.fromEntries(statuses.map((status) => [status, problemContent(STATUS_DESCRIPTIONS[status] ?? 'Error')]));
}

/** How an operation reads in the OpenAPI document, besides its operationId. */
export interface OperationWords {
  /** One line: what the operation does or answers. */
  summary: string;
  /** Rules, side effects, what to send; the plugin appends who may call it. */
  description?: string;
  /**
   * The error codes the operation's handler throws, by status (`{}` when none of its own). They
   * become the operation's documented problem answers (with the codes of the plumbing it goes
   * through): `Problem.code` enumerated per operation and status.
   */
  errors: OperationErrors;
}

/**
 * The operations of a module by operationId (stable, camelCase: what generated clients call the
 * method), with their summary and description; a route spreads its own: `...operations.createTeam`.
 */
export function defineOperations<Id extends string>(
  words: Record<Id, OperationWords>,
): { [K in Id]: OperationWords & { operationId: K } } {
  return Object.fromEntries(
    Object.entries<OperationWords>(words).map(([operationId, word]) => [operationId, { operationId, ...word }]),
  ) as { [K in Id]: OperationWords & { operationId: K } };
}

/**
 * A list item's first example, which makes the list's own: nested examples do not reach the
 * document, so every list (`Page`, `WholeList`) whose item has one shows it.
 */
const firstExampleOf = (item: TSchema): unknown => (item as { examples?: unknown[] }).examples?.[0];

/**
 * A list that is never split into pages (a bounded set: an edition's fields, a team's notes…), in
 * the shape of a page, so that clients read every list alike: `nextCursor` is always null.
 */
export const WholeList = <T extends TSchema>(item: T) => {
  const example = firstExampleOf(item);
  return Type.Object(
    {
      items: Type.Array(item),
      nextCursor: Type.Null({ description: 'Always null: the whole list is in `items`' }),
      total: Type.Integer({ minimum: 0, description: 'How many items there are: the length of `items`' }),
    },
    example === undefined ? {} : { examples: [{ items: [example], nextCursor: null, total: 1 }] },
  );
};

/** The answer of a `WholeList` route. */
export const wholeList = <T>(items: T[]) => ({ items, nextCursor: null, total: items.length });

/** Keyset pagination query: `?limit=&cursor=`. */
export const PageQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  cursor: Type.Optional(Type.String({ maxLength: 512 })),
});

/**
 * A page of a list: `{ items, nextCursor, total }`; `nextCursor` is null on the last page, `total`
 * counts what the filters match on all pages together.
 */
export const Page = <T extends TSchema>(item: T) => {
  const example = firstExampleOf(item);
  return Type.Object(
    {
      items: Type.Array(item),
      nextCursor: Type.Union([Type.String(), Type.Null()], {
        description: 'Pass as `cursor` for the next page; null on the last page',
      }),
      total: Type.Integer({
        minimum: 0,
        description: 'How many items the filters match on all pages together (the same on every page)',
      }),
    },
    example === undefined
      ? {}
      : { examples: [{ items: [example], nextCursor: 'MjAyNC0wOC0xMFQwODoyMDowMFp8YzJkNWU4YTE', total: 134 }] },
  );
};

export const Uuid = Type.String({ format: 'uuid' });

/**
 * The schema, or null. A schema of one primitive type (a string, a number...) becomes that type
 * or null in one list (`"type": ["string", "null"]`, OpenAPI 3.1): the response serializer writes
 * such a value at once, where a union (`anyOf`) has it validate the value against each branch
 * first (~40 % of the organizers' list's serialization). Anything else (objects, enumerations) is
 * a union with null.
 */
export const Nullable = <T extends TSchema>(schema: T, options: { description?: string } = {}) => {
  const { type } = schema as { type?: unknown };
  if (typeof type === 'string' && !('enum' in schema) && !('const' in schema)) {
    return Type.Unsafe<Static<T> | null>({ ...schema, ...options, type: [type, 'null'] });
  }
  return Type.Union([schema, Type.Null()], options);
};

export const IdParams = Type.Object({ id: Uuid });

/** ISO 8601 instant with offset, e.g. 2024-08-15T23:59:59+08:00. */
export const DateTime = Type.String({ format: 'date-time' });
export const NullableDateTime = Nullable(DateTime);

/** Which edition: `current`, an edition code or an id (resolved by editions' `resolveEdition`). */
export const EditionRef = (
  options: { default?: string; description?: string } = {
    description: '`current`, an edition code such as `2024-guangxi`, or an id',
  },
) => Type.String({ minLength: 1, maxLength: 64, ...options });

export const EditionParams = Type.Object({ edition: EditionRef() });

/** A file or document in a response body (the handler sends a Buffer or a stream with its own type). */
export const Binary = (description: string) => Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description });

/** A download as a response: a stored file's or an export's bytes. */
export const Download = (description: string) => ({
  description,
  content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
});

/** An organizer's explicit override of a stage gate (R-TIME-4): `override: true` and why. */
export const StageOverrideFields = {
  override: Type.Optional(
    Type.Boolean({ description: 'Act outside the action’s stage (R-TIME-4); needs a reason, recorded in the ledger' }),
  ),
  reason: Type.Optional(Type.String({ maxLength: 2000, description: 'Why the stage gate is overridden' })),
};
export const StageOverrideBody = Type.Object(StageOverrideFields, { additionalProperties: false });

/** preValidation hook: a POST sent without a body is validated as `{}` against its all-optional body schema. */
export async function emptyBodyAsObject(request: FastifyRequest): Promise<void> {
  request.body ??= {};
}
