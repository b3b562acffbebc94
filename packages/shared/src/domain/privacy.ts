/**
 * Consent to the privacy notice of an edition (个人信息保护法 §14, §29; GB/T 35273 §5.4):
 * `personal` covers the personal information needed to take part (name, email, mobile, student
 * number); `sensitive` is the separate consent sensitive information needs (images of ID documents
 * such as student ID cards). Each is given to one version of the notice; a new version asks again.
 */
export const CONSENT_SCOPES = ['personal', 'sensitive'] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];
