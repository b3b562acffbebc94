import { formatMessage, messages, type Locale, type RuleViolation } from '@saishi/shared';

/**
 * Turns violations of the shared rules into the same localized messages the API would send,
 * so a form warns before the API is called.
 */
export function describeViolations(violations: readonly RuleViolation[], locale: string): string[] {
  const lang: Locale = locale === 'en' ? 'en' : 'zh-CN';
  return violations.map((violation) => {
    const text = violation.code in messages ? formatMessage(violation.code, lang, violation.params ?? {}) : violation.code;
    return violation.ruleId ? `${text} (${violation.ruleId})` : text;
  });
}
