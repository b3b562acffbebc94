import { formatMessage, messages, type ErrorCode, type Locale, type RuleViolation } from '@saishi/shared';

/** Something the API or a shared rule reports by code: a violation, a readiness item, an exclusion. */
export interface CodedItem {
  code: string;
  ruleId?: string | null;
  params?: Record<string, string | number>;
}

/**
 * The localized message of a coded item from the shared catalog, followed by its rule id
 * (`请上传签署的参赛承诺书 (R-ALL-3)`); a code the catalog does not know is shown as it is.
 */
export function describeItem(item: CodedItem, locale: string): string {
  const lang: Locale = locale === 'en' ? 'en' : 'zh-CN';
  const text = item.code in messages ? formatMessage(item.code as ErrorCode, lang, item.params ?? {}) : item.code;
  return item.ruleId ? `${text} (${item.ruleId})` : text;
}

/**
 * Turns violations of the shared rules into the same localized messages the API would send,
 * so a form warns before the API is called.
 */
export function describeViolations(violations: readonly RuleViolation[], locale: string): string[] {
  return violations.map((violation) => describeItem(violation, locale));
}
