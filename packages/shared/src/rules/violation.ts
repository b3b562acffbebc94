import type { ErrorCode } from '../i18n/messages.js';

/** A rule id from SPEC.md, e.g. `R-CAT-1`. */
export type RuleId = `R-${string}`;

/** One broken rule: the stable error code, the SPEC rule, and the field it concerns. */
export interface RuleViolation {
  code: ErrorCode;
  ruleId?: RuleId;
  /** JSON-pointer-like path of the offending input field, e.g. `/category`. */
  path?: string;
  /** Values interpolated into the localized message. */
  params?: Record<string, string | number>;
}
