/** The vocabulary of notifications: what the platform tells people, and how. */

/** What a notification is about; each has a template in zh-CN and en (packages/api messages/templates). */
export const NOTIFICATION_KINDS = [
  'verification_code',
  'password_reset',
  'contact_changed',
  'expert_invitation',
  'qualification_approved',
  'qualification_returned',
  'qualification_rejected',
  'team_flagged',
  'project_submitted',
  'collection_reminder',
  'team_invitation',
  'review_assigned',
  'review_reminder',
  'round_results',
  'awards_published',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * Kinds a person cannot turn off (security and account mail); the others are sent by e-mail or
 * SMS only while the person has not unsubscribed from them, and always reach the in-app inbox.
 */
export const ESSENTIAL_NOTIFICATION_KINDS: readonly NotificationKind[] = [
  'verification_code',
  'password_reset',
  'contact_changed',
  'expert_invitation',
  'qualification_approved',
  'qualification_returned',
  'qualification_rejected',
  'team_flagged',
  'project_submitted',
];

/** Where a notification is delivered besides the in-app inbox. */
export const DELIVERY_CHANNELS = ['email', 'sms'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/** Where a delivery is: queued (a job holds it), sent, or failed for good (with the reason). */
export const DELIVERY_STATES = ['queued', 'sent', 'failed'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];
