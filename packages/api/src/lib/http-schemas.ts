import type { FastifyRequest } from 'fastify';
import { Type, type Static, type TSchema } from 'typebox';

/** RFC 9457 problem details, as every error response of the API. */
export const Problem = Type.Object(
  {
    type: Type.String({ description: 'URI naming the problem type, e.g. urn:saishi:problem:team-size-exceeded' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.Optional(Type.String()),
    code: Type.String({ description: 'Stable machine code, e.g. TEAM_SIZE_EXCEEDED' }),
    ruleId: Type.Optional(Type.String({ description: 'The SPEC.md rule, e.g. R-SOC-4' })),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          path: Type.String({ description: 'Where the input is wrong, e.g. /body/name' }),
          message: Type.String(),
          code: Type.Optional(Type.String()),
          ruleId: Type.Optional(Type.String()),
        }),
      ),
    ),
  },
  { $id: 'Problem', title: 'Problem' },
);
export type ProblemBody = Static<typeof Problem>;

const problemContent = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: Type.Ref('Problem') } },
});

const STATUS_DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed request or invalid input',
  401: 'Missing, expired or invalid access token',
  403: 'Authenticated but not allowed',
  404: 'No such resource',
  409: 'Conflicts with the current state',
  413: 'Content too large',
  415: 'Unsupported media type',
  416: 'Range not satisfiable',
  422: 'Breaks a competition rule',
  429: 'Rate limited',
};

/** Problem responses for the given statuses, for a route's `response` schema. */
export function problemResponses(...statuses: number[]): Record<number, ReturnType<typeof problemContent>> {
  return Object.fromEntries(statuses.map((status) => [status, problemContent(STATUS_DESCRIPTIONS[status] ?? 'Error')]));
}

/** Keyset pagination query: `?limit=&cursor=`. */
export const PageQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  cursor: Type.Optional(Type.String({ maxLength: 512 })),
});

/** A page of a list: `{ items, nextCursor }`; `nextCursor` is null on the last page. */
export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });

export const Uuid = Type.String({ format: 'uuid' });

/** The schema, or null. */
export const Nullable = <T extends TSchema>(schema: T, options: { description?: string } = {}) =>
  Type.Union([schema, Type.Null()], options);

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
