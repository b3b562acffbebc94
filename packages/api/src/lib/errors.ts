import type { ErrorCode, RuleId, RuleViolation } from '@saishi/shared';

/** One offending input field of a problem. */
export interface FieldProblem {
  path: string;
  code: ErrorCode;
  ruleId?: RuleId;
  params?: Record<string, string | number>;
}

/**
 * An expected failure of a use case: a stable code (and SPEC rule id where one applies) that
 * the error handler turns into a localized application/problem+json response.
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly ruleId: RuleId | undefined;
  readonly params: Record<string, string | number>;
  readonly fields: FieldProblem[];
  /** The resource the request collides with (problem member `existing`). */
  readonly existing: { id: string; name: string } | undefined;

  constructor(
    code: ErrorCode,
    status: number,
    options: {
      ruleId?: RuleId;
      params?: Record<string, string | number>;
      fields?: FieldProblem[];
      existing?: { id: string; name: string };
    } = {},
  ) {
    super(code);
    this.name = 'DomainError';
    this.code = code;
    this.status = status;
    this.ruleId = options.ruleId;
    this.params = options.params ?? {};
    this.fields = options.fields ?? [];
    this.existing = options.existing;
  }
}

export const notFound = (code: ErrorCode, params: Record<string, string | number> = {}) =>
  new DomainError(code, 404, { params });

export const forbidden = (code: ErrorCode = 'FORBIDDEN', params: Record<string, string | number> = {}) =>
  new DomainError(code, 403, { params });

/** Throws the first violation as the problem, listing all of them as field errors (HTTP 422 by default). */
export function assertNoViolations(violations: readonly RuleViolation[], status = 422): void {
  const [first] = violations;
  if (!first) return;
  throw new DomainError(first.code, status, {
    ...(first.ruleId ? { ruleId: first.ruleId } : {}),
    ...(first.params ? { params: first.params } : {}),
    fields: violations.map((violation) => ({
      path: violation.path ?? '',
      code: violation.code,
      ...(violation.ruleId ? { ruleId: violation.ruleId } : {}),
      ...(violation.params ? { params: violation.params } : {}),
    })),
  });
}
