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
 * `export_masked` puts their name (and masked contact) in one, `copy` is the person's own copy of
 * their data (`GET /me/personal-data`). Every export of personal information is logged, masked or not.
 */
export const PERSONAL_DATA_ACCESS_KINDS = ['reveal', 'export', 'export_masked', 'copy'] as const;
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

/**
 * What the retention job deletes when its period is over (个人信息保护法 §19, §47; GB/T 35273
 * §6.1): `student_id_images`, the student ID card images of an edition's members, N days after the
 * team's qualification decision or after the edition's results were published; `departed_mobiles`,
 * the mobile numbers of participants who left: every edition they took part in is closed (archived)
 * and its period since has passed.
 */
export const RETENTION_KINDS = ['student_id_images', 'departed_mobiles'] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

/** From when student ID images are kept N days: the team's qualification decision, or the results' publication. */
export const STUDENT_ID_RETENTION_ANCHORS = ['qualification', 'results'] as const;
export type StudentIdRetentionAnchor = (typeof STUDENT_ID_RETENTION_ANCHORS)[number];

/** Longest retention period an organizer may set, in days (ten years). */
export const MAX_RETENTION_DAYS = 3650;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The instant from which something kept `days` days after `anchor` is deleted. */
export function retentionDeadline(anchor: Date, days: number): Date {
  return new Date(anchor.getTime() + days * DAY_MS);
}

/**
 * Whether something kept `days` days after `anchor` is due for deletion at `now`: on day N it is,
 * on day N-1 it is not. A period of 0 days deletes at once; no period (null) keeps it.
 */
export function isRetentionOver(anchor: Date | null, days: number | null, now: Date): boolean {
  if (anchor === null || days === null) return false;
  return now.getTime() >= retentionDeadline(anchor, days).getTime();
}

/** One edition a participant took part in, as the departed-mobile rule reads it. */
export interface RetainedMembership {
  editionStatus: string;
  archivedAt: Date | null;
  /** The edition's `departedMobileDays`; null keeps the number. */
  departedMobileDays: number | null;
}

/**
 * Whether a participant's mobile number may be deleted: they left the competition (every edition
 * they took part in is archived) and each of those editions' periods is over. An edition still
 * running, or one without a period, keeps it.
 */
export function isDepartedMobileOver(memberships: readonly RetainedMembership[], now: Date): boolean {
  return (
    memberships.length > 0 &&
    memberships.every(
      (membership) =>
        membership.editionStatus === 'archived' &&
        isRetentionOver(membership.archivedAt, membership.departedMobileDays, now),
    )
  );
}
