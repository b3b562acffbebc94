import { describe, expect, it } from 'vitest';
import {
  checkJoin,
  checkOneTeamPerEdition,
  checkQualificationTransition,
  checkReadyForQualification,
  checkRosterChange,
  checkTeamComposition,
  type MemberRole,
} from './team.js';

const unit = (over: Partial<{ unitId: string; type: string; isLead: boolean; blacklisted: boolean }> = {}) => ({
  unitId: 'u1',
  type: 'enterprise',
  isLead: true,
  blacklisted: false,
  ...over,
});
const ids = (violations: { ruleId?: string }[]) => violations.map((violation) => violation.ruleId);

describe('team composition', () => {
  it('accepts an individual and a single-unit society team (R-SOC-1)', () => {
    expect(checkTeamComposition({ track: 'society', entrantKind: 'individual', units: [] })).toEqual([]);
    expect(checkTeamComposition({ track: 'society', entrantKind: 'units', units: [unit()] })).toEqual([]);
  });
  it('refuses a unit team without units and an ineligible unit type (R-SOC-1)', () => {
    expect(ids(checkTeamComposition({ track: 'society', entrantKind: 'units', units: [] }))).toEqual(['R-SOC-1']);
    expect(
      ids(
        checkTeamComposition({
          track: 'society',
          entrantKind: 'units',
          units: [unit({ type: 'individual_business' })],
        }),
      ),
    ).toEqual(['R-SOC-1']);
    expect(ids(checkTeamComposition({ track: 'society', entrantKind: 'individual', units: [unit()] }))).toEqual([
      'R-SOC-1',
    ]);
  });
  it('requires exactly one lead unit in a joint entry (R-SOC-2)', () => {
    const two = (leadA: boolean, leadB: boolean) => [
      unit({ unitId: 'a', isLead: leadA }),
      unit({ unitId: 'b', isLead: leadB }),
    ];
    expect(checkTeamComposition({ track: 'society', entrantKind: 'units', units: two(true, false) })).toEqual([]);
    expect(ids(checkTeamComposition({ track: 'society', entrantKind: 'units', units: two(true, true) }))).toEqual([
      'R-SOC-2',
    ]);
    expect(ids(checkTeamComposition({ track: 'society', entrantKind: 'units', units: two(false, false) }))).toEqual([
      'R-SOC-2',
    ]);
  });
  it('refuses a blacklisted unit (R-SOC-3)', () => {
    expect(
      ids(checkTeamComposition({ track: 'society', entrantKind: 'units', units: [unit({ blacklisted: true })] })),
    ).toEqual(['R-SOC-3']);
  });
  it('requires a university team to belong to one university (R-UNI-1)', () => {
    expect(
      checkTeamComposition({ track: 'university', entrantKind: 'units', units: [unit({ type: 'university' })] }),
    ).toEqual([]);
    expect(ids(checkTeamComposition({ track: 'university', entrantKind: 'units', units: [unit()] }))).toEqual([
      'R-UNI-1',
    ]);
    expect(ids(checkTeamComposition({ track: 'university', entrantKind: 'individual', units: [] }))).toEqual([
      'R-UNI-1',
      'R-UNI-1',
    ]);
  });
  it('tells a university team entering as an individual to enter as units, not to find a university (R-UNI-1)', () => {
    const codes = (units: ReturnType<typeof unit>[]) =>
      checkTeamComposition({ track: 'university', entrantKind: 'individual', units }).map((v) => [v.code, v.path]);
    expect(codes([unit({ type: 'university' })])).toEqual([['UNIVERSITY_TEAM_ENTERS_AS_UNITS', '/entrantKind']]);
    expect(codes([])).toEqual([
      ['UNIVERSITY_TEAM_ENTERS_AS_UNITS', '/entrantKind'],
      ['UNIVERSITY_TEAM_NEEDS_UNIVERSITY', '/units'],
    ]);
  });
});

describe('team size', () => {
  const roles = (count: number): MemberRole[] => ['leader', ...Array<MemberRole>(count - 1).fill('member')];
  it('lets a fifth society representative in and refuses a sixth (R-SOC-4)', () => {
    expect(checkJoin({ track: 'society', currentRoles: roles(4), role: 'member' })).toEqual([]);
    expect(ids(checkJoin({ track: 'society', currentRoles: roles(5), role: 'member' }))).toEqual(['R-SOC-4']);
  });
  it('counts the advisor in the six of a university team (R-UNI-2)', () => {
    expect(checkJoin({ track: 'university', currentRoles: roles(5), role: 'advisor' })).toEqual([]);
    expect(ids(checkJoin({ track: 'university', currentRoles: [...roles(5), 'advisor'], role: 'member' }))).toEqual([
      'R-UNI-2',
    ]);
    expect(ids(checkJoin({ track: 'university', currentRoles: ['leader', 'advisor'], role: 'advisor' }))).toEqual([
      'R-UNI-2',
    ]);
    expect(ids(checkJoin({ track: 'society', currentRoles: ['leader'], role: 'advisor' }))).toEqual(['R-UNI-2']);
  });
});

describe('one person, one team (R-ALL-2)', () => {
  it('refuses a person already in another team of the edition', () => {
    expect(checkOneTeamPerEdition({ existing: null, teamId: 't1' })).toEqual([]);
    expect(checkOneTeamPerEdition({ existing: { id: 't0', name: '甲队' }, teamId: 't1' })).toEqual([
      { code: 'ALREADY_IN_A_TEAM', ruleId: 'R-ALL-2', params: { teamId: 't0', teamName: '甲队' } },
    ]);
  });
});

describe('roster changes (R-TIME-1, R-TIME-2)', () => {
  const stages = [
    {
      code: 'collection' as const,
      startsAt: new Date('2024-06-24T00:00:00+08:00'),
      endsAt: new Date('2024-08-16T00:00:00+08:00'),
    },
    {
      code: 'preliminary' as const,
      startsAt: new Date('2024-08-16T00:00:00+08:00'),
      endsAt: new Date('2024-09-01T00:00:00+08:00'),
    },
  ];
  it('allows changes during collection only', () => {
    expect(checkRosterChange(stages, new Date('2024-07-01T00:00:00+08:00'))).toEqual([]);
    expect(ids(checkRosterChange(stages, new Date('2024-06-01T00:00:00+08:00')))).toEqual(['R-TIME-1']);
  });
  it('freezes the roster from the registration deadline', () => {
    expect(ids(checkRosterChange(stages, new Date('2024-08-16T00:00:00+08:00')))).toEqual(['R-TIME-2']);
  });
});

describe('readiness for qualification (R-ALL-3, R-UNI-1)', () => {
  const base = {
    track: 'society' as const,
    entrantKind: 'individual' as const,
    units: [],
    members: [{ userId: 'a', role: 'leader' as const, hasStudentNumber: false, hasStudentIdFile: false }],
  };
  it('requires the commitment letter and the pledge (R-ALL-3)', () => {
    expect(checkReadyForQualification({ ...base, hasCommitmentLetter: true, pledgeAccepted: true })).toEqual([]);
    expect(ids(checkReadyForQualification({ ...base, hasCommitmentLetter: false, pledgeAccepted: false }))).toEqual([
      'R-ALL-3',
      'R-ALL-3',
    ]);
  });
  it('requires student proof of every student but not of the advisor (R-UNI-1)', () => {
    const university = {
      ...base,
      track: 'university' as const,
      entrantKind: 'units' as const,
      units: [unit({ type: 'university' })],
      hasCommitmentLetter: true,
      pledgeAccepted: true,
    };
    const proven = { userId: 'a', role: 'leader' as const, hasStudentNumber: true, hasStudentIdFile: true };
    const advisor = { userId: 'b', role: 'advisor' as const, hasStudentNumber: false, hasStudentIdFile: false };
    expect(checkReadyForQualification({ ...university, members: [proven, advisor] })).toEqual([]);
    expect(
      ids(checkReadyForQualification({ ...university, members: [{ ...proven, hasStudentIdFile: false }] })),
    ).toEqual(['R-UNI-1']);
  });
});

describe('qualification transitions', () => {
  it('lets draft and returned teams be submitted and submitted teams be decided', () => {
    expect(checkQualificationTransition({ from: 'draft', to: 'submitted' })).toEqual([]);
    expect(checkQualificationTransition({ from: 'returned', to: 'submitted' })).toEqual([]);
    expect(checkQualificationTransition({ from: 'submitted', to: 'approved' })).toEqual([]);
    expect(checkQualificationTransition({ from: 'approved', to: 'rejected', reason: 'x' })[0]?.code).toBe(
      'QUALIFICATION_TRANSITION_NOT_ALLOWED',
    );
  });
  it('requires a reason to reject or return', () => {
    expect(checkQualificationTransition({ from: 'submitted', to: 'rejected', reason: ' ' })[0]?.code).toBe(
      'QUALIFICATION_REASON_REQUIRED',
    );
    expect(checkQualificationTransition({ from: 'submitted', to: 'returned', reason: '补充材料' })).toEqual([]);
  });
});
