import type { QualificationStatus } from './team.js';
import type { RuleViolation } from './violation.js';

/**
 * A person corrects their own personal information (个人信息保护法 §46): their name and their
 * contacts here; a student number on their team (the membership's own rule, R-UNI-1).
 */

/** Mainland mobile numbers, 11 digits from 1: the same pattern sign-up accepts. */
export const MOBILE_PATTERN = /^1\d{10}$/;

/**
 * Qualification statuses in which a team's roster is what the organizers judged or are judging:
 * the names on it stay as they were judged until the edition is closed. A draft or a team sent
 * back can be corrected (a return often asks for exactly that); a rejected team is out.
 */
export const ROSTER_JUDGED_STATUSES = ['submitted', 'approved'] as const satisfies readonly QualificationStatus[];

/** A team of the person whose roster is judged, named in the refusal. */
export interface JudgedTeam {
  team: string;
  edition: string;
}

export interface PersonalDataCorrection {
  displayName?: string;
  email?: string;
  mobile?: string;
}

/**
 * Whether a correction may be made: the name must say something, the mobile be a mainland
 * number, and the name stays while a team of theirs is judged (contacts may always change: they
 * reach the person and nobody judges them).
 */
export function checkPersonalDataCorrection(
  input: PersonalDataCorrection,
  judgedTeam: JudgedTeam | null,
): RuleViolation[] {
  const violations: RuleViolation[] = [];
  if (input.displayName !== undefined && input.displayName.trim() === '')
    violations.push({ code: 'DISPLAY_NAME_BLANK', path: '/displayName' });
  if (input.mobile !== undefined && !MOBILE_PATTERN.test(input.mobile))
    violations.push({ code: 'MOBILE_INVALID', path: '/mobile' });
  if (input.displayName !== undefined && judgedTeam)
    violations.push({ code: 'PERSONAL_DATA_CORRECTION_REFUSED', path: '/displayName', params: { ...judgedTeam } });
  return violations;
}
