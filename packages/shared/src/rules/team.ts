import type { TrackCode, UnitType } from '../domain/competition.js';
import { isStageOpen, type StageWindow } from './timeline.js';
import type { RuleViolation } from './violation.js';

export const ENTRANT_KINDS = ['individual', 'units'] as const;
export type EntrantKind = (typeof ENTRANT_KINDS)[number];
export const MEMBER_ROLES = ['leader', 'member', 'advisor'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
/** The roles one joins a team with by invitation; the leader is whoever creates it. */
export const JOIN_ROLES = ['member', 'advisor'] as const satisfies readonly MemberRole[];

/** R-SOC-4 and R-UNI-2: the most people a team of the track may have (the advisor counts in the university track). */
export const MAX_TEAM_SIZE: Record<TrackCode, number> = { society: 5, university: 6 };
const SIZE_RULE: Record<TrackCode, 'R-SOC-4' | 'R-UNI-2'> = { society: 'R-SOC-4', university: 'R-UNI-2' };

/** Unit types that are independent legal persons and may enter (R-SOC-1). */
export const ELIGIBLE_UNIT_TYPES: readonly UnitType[] = [
  'enterprise',
  'public_institution',
  'research_institute',
  'university',
];

export interface TeamUnitFacts {
  unitId: string;
  type: string;
  isLead: boolean;
  /** The unit's credit code is on one of the imported 信用中国 lists (R-SOC-3). */
  blacklisted: boolean;
}

/**
 * The make-up of a team:
 * R-SOC-1 individual or units (eligible legal persons), R-SOC-2 exactly one lead unit,
 * R-SOC-3 no blacklisted unit, R-UNI-1 a university team belongs to exactly one university.
 */
export function checkTeamComposition(input: {
  track: TrackCode;
  entrantKind: EntrantKind;
  units: readonly TeamUnitFacts[];
}): RuleViolation[] {
  const violations: RuleViolation[] = [];
  const { track, entrantKind, units } = input;
  if (track === 'university') {
    // Two mistakes, two answers: the entrant kind, and the unit that is not exactly one university.
    if (entrantKind !== 'units')
      violations.push({ code: 'UNIVERSITY_TEAM_ENTERS_AS_UNITS', ruleId: 'R-UNI-1', path: '/entrantKind' });
    if (units.length !== 1 || units[0]!.type !== 'university') {
      violations.push({
        code: 'UNIVERSITY_TEAM_NEEDS_UNIVERSITY',
        ruleId: 'R-UNI-1',
        path: '/units',
        params: { count: units.length },
      });
    }
  } else if (entrantKind === 'individual') {
    if (units.length > 0) violations.push({ code: 'INDIVIDUAL_TEAM_HAS_UNITS', ruleId: 'R-SOC-1', path: '/units' });
  } else {
    if (units.length === 0) violations.push({ code: 'UNIT_TEAM_NEEDS_UNIT', ruleId: 'R-SOC-1', path: '/units' });
    units.forEach((unit, index) => {
      if (!ELIGIBLE_UNIT_TYPES.includes(unit.type as UnitType)) {
        violations.push({
          code: 'UNIT_TYPE_NOT_ELIGIBLE',
          ruleId: 'R-SOC-1',
          path: `/units/${index}`,
          params: { type: unit.type },
        });
      }
    });
    const leads = units.filter((unit) => unit.isLead).length;
    if (units.length > 0 && leads !== 1) {
      violations.push({ code: 'LEAD_UNIT_REQUIRED', ruleId: 'R-SOC-2', path: '/units', params: { leads } });
    }
  }
  if (new Set(units.map((unit) => unit.unitId)).size !== units.length) {
    violations.push({ code: 'DUPLICATE_TEAM_UNIT', path: '/units' });
  }
  units.forEach((unit, index) => {
    if (unit.blacklisted)
      violations.push({
        code: 'UNIT_BLACKLISTED',
        ruleId: 'R-SOC-3',
        path: `/units/${index}`,
        params: { unitId: unit.unitId },
      });
  });
  return violations;
}

/**
 * R-SOC-4 / R-UNI-2: whether one more person of `role` fits; advisors only in the university
 * track, at most one (R-UNI-2), and they count toward the six.
 */
export function checkJoin(input: {
  track: TrackCode;
  currentRoles: readonly MemberRole[];
  role: MemberRole;
}): RuleViolation[] {
  const { track, currentRoles, role } = input;
  const violations: RuleViolation[] = [];
  if (role === 'advisor') {
    if (track !== 'university') violations.push({ code: 'ADVISOR_ONLY_UNIVERSITY', ruleId: 'R-UNI-2', path: '/role' });
    else if (currentRoles.includes('advisor'))
      violations.push({ code: 'ONE_ADVISOR_PER_TEAM', ruleId: 'R-UNI-2', path: '/role' });
  }
  const max = MAX_TEAM_SIZE[track];
  if (currentRoles.length + 1 > max) {
    violations.push({ code: 'TEAM_SIZE_EXCEEDED', ruleId: SIZE_RULE[track], params: { max, track } });
  }
  return violations;
}

/** R-ALL-2: a person represents only one team in the whole edition. */
export function checkOneTeamPerEdition(input: {
  existing: { id: string; name: string } | null;
  teamId: string;
}): RuleViolation[] {
  const { existing } = input;
  return existing !== null && existing.id !== input.teamId
    ? [{ code: 'ALREADY_IN_A_TEAM', ruleId: 'R-ALL-2', params: { teamId: existing.id, teamName: existing.name } }]
    : [];
}

/**
 * R-TIME-1 / R-TIME-2: teams are created and the roster changes only while collection is open;
 * from the registration deadline (the end of collection) the roster is frozen.
 */
export function checkRosterChange(stages: readonly StageWindow[], now: Date): RuleViolation[] {
  const collection = stages.find((stage) => stage.code === 'collection');
  if (collection && isStageOpen(collection, now)) return [];
  if (collection?.endsAt && now >= collection.endsAt) return [{ code: 'ROSTER_FROZEN', ruleId: 'R-TIME-2' }];
  return [{ code: 'COLLECTION_CLOSED', ruleId: 'R-TIME-1', params: { stage: 'none' } }];
}

export interface MemberFacts {
  userId: string;
  role: MemberRole;
  hasStudentNumber: boolean;
  hasStudentIdFile: boolean;
}

/**
 * Before a team is submitted for qualification (资格审核):
 * R-ALL-3 commitment letter and IP / single-division pledge; R-UNI-1 every student proves it;
 * and the composition and size rules still hold.
 */
export function checkReadyForQualification(input: {
  track: TrackCode;
  entrantKind: EntrantKind;
  units: readonly TeamUnitFacts[];
  members: readonly MemberFacts[];
  hasCommitmentLetter: boolean;
  pledgeAccepted: boolean;
}): RuleViolation[] {
  const violations = checkTeamComposition(input);
  if (!input.hasCommitmentLetter)
    violations.push({ code: 'COMMITMENT_LETTER_REQUIRED', ruleId: 'R-ALL-3', path: '/commitmentLetter' });
  if (!input.pledgeAccepted) violations.push({ code: 'PLEDGE_REQUIRED', ruleId: 'R-ALL-3', path: '/pledge' });
  if (input.track === 'university') {
    input.members.forEach((member, index) => {
      if (member.role !== 'advisor' && (!member.hasStudentNumber || !member.hasStudentIdFile)) {
        violations.push({
          code: 'STUDENT_PROOF_REQUIRED',
          ruleId: 'R-UNI-1',
          path: `/members/${index}`,
          params: { userId: member.userId },
        });
      }
    });
  }
  const max = MAX_TEAM_SIZE[input.track];
  if (input.members.length > max)
    violations.push({
      code: 'TEAM_SIZE_EXCEEDED',
      ruleId: SIZE_RULE[input.track],
      params: { max, track: input.track },
    });
  return violations;
}

export const QUALIFICATION_STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'returned'] as const;
export type QualificationStatus = (typeof QUALIFICATION_STATUSES)[number];
export const QUALIFICATION_DECISIONS = ['approve', 'reject', 'return'] as const;
export type QualificationDecision = (typeof QUALIFICATION_DECISIONS)[number];
const DECISION_TARGET: Record<QualificationDecision, QualificationStatus> = {
  approve: 'approved',
  reject: 'rejected',
  return: 'returned',
};

/** 资格审核: draft / returned → submitted by the leader; submitted → approved / rejected / returned by an organizer. */
export function qualificationTarget(decision: QualificationDecision): QualificationStatus {
  return DECISION_TARGET[decision];
}

export function checkQualificationTransition(input: {
  from: QualificationStatus;
  to: QualificationStatus;
  reason?: string | null | undefined;
}): RuleViolation[] {
  const { from, to } = input;
  const allowed = to === 'submitted' ? from === 'draft' || from === 'returned' : from === 'submitted' && to !== 'draft';
  if (!allowed) return [{ code: 'QUALIFICATION_TRANSITION_NOT_ALLOWED', params: { from, to } }];
  if ((to === 'rejected' || to === 'returned') && !input.reason?.trim()) {
    return [{ code: 'QUALIFICATION_REASON_REQUIRED', path: '/reason', params: { to } }];
  }
  return [];
}
