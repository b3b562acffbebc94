/**
 * Consent to the privacy notice of an edition (个人信息保护法 §14, §29; GB/T 35273 §5.4):
 * `personal` covers the personal information needed to take part (name, email, mobile, student
 * number); `sensitive` is the separate consent sensitive information needs (images of ID documents
 * such as student ID cards). Each is given to one version of the notice; a new version asks again.
 */
export const CONSENT_SCOPES = ['personal', 'sensitive'] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];

/**
 * What an access to someone's personal information was (个人信息保护法 §51; GB/T 35273 §7.4):
 * `reveal` shows a person's unmasked contact to an organizer, `export` puts it in an export file,
 * `copy` is the person's own copy of their data (`GET /me/personal-data`).
 */
export const PERSONAL_DATA_ACCESS_KINDS = ['reveal', 'export', 'copy'] as const;
export type PersonalDataAccessKind = (typeof PERSONAL_DATA_ACCESS_KINDS)[number];

/**
 * A mobile number as lists show it without the right to see it: the first three and the last
 * four digits, `138****0001` (the usual Chinese masking); a short number keeps its last two.
 */
export function maskMobile(mobile: string | null): string | null {
  if (mobile === null) return null;
  if (mobile.length >= 8) return `${mobile.slice(0, 3)}****${mobile.slice(-4)}`;
  return `****${mobile.slice(-2)}`;
}

/** An e-mail address as lists show it without the right to see it: `z***@example.com`. */
export function maskEmail(email: string | null): string | null {
  if (email === null) return null;
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}
