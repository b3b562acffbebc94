import { createHash } from 'node:crypto';
import { DomainError } from '../../lib/errors.js';
import { canonicalJson } from './service.js';

/**
 * Decisions with a preview (advancement, award allocation): the preview returns a digest of
 * what the rule decides; a commit that sends it back is refused when the outcome changed in
 * between (a score reopened, a quota changed), so organizers commit what they saw.
 */
export function previewDigest(outcome: unknown): string {
  return createHash('sha256').update(canonicalJson(outcome), 'utf8').digest('hex');
}

/** Refuses the commit when the digest it carries is not the current outcome's digest. */
export function assertPreviewCurrent(sent: string | undefined, current: string): void {
  if (sent !== undefined && sent !== current) throw new DomainError('DECISION_PREVIEW_STALE', 409);
}
