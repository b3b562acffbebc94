import type { QualificationStatus } from './team.js';
import type { RuleViolation } from './violation.js';

/**
 * The path from a new team to a project under review, in order (issue 11 item 7): every member
 * joined with their proofs → the pledge and the commitment letter (R-ALL-3) → the leader submits
 * the team → an organizer approves it (资格审核) → a member creates the project → the project's
 * first version is submitted. A team flagged by a blacklist import (R-SOC-3) also waits for an
 * organizer to clear the flag before it is reviewed.
 */
export const TEAM_STEPS = [
  'complete_members',
  'pledge_and_letter',
  'submit_team',
  'organizer_approval',
  'create_project',
  'submit_version',
  'flag_clearance',
] as const;
export type TeamStep = (typeof TEAM_STEPS)[number];

/** One step still ahead of the team: which step, and the catalog message (code, params) that says what to do. */
export interface TeamStepItem extends RuleViolation {
  step: TeamStep;
}

/** The readiness rules (checkReadyForQualification) belong to the first two steps; the pledge and letter to the second. */
const STEP_OF_CODE: Partial<Record<string, TeamStep>> = {
  PLEDGE_REQUIRED: 'pledge_and_letter',
  COMMITMENT_LETTER_REQUIRED: 'pledge_and_letter',
};

/**
 * Every step still ahead of the team, in path order. `readiness` is what blocks submitting the
 * team (checkReadyForQualification); `project` is the team's project, or null before it exists.
 */
export function teamNextSteps(input: {
  teamId: string;
  status: QualificationStatus;
  readiness: readonly RuleViolation[];
  flagged: boolean;
  project: { id: string; submittedVersions: number } | null;
}): TeamStepItem[] {
  const { teamId, status, project } = input;
  const steps: TeamStepItem[] = [];
  if (status === 'rejected') {
    steps.push({ step: 'organizer_approval', code: 'STEP_TEAM_REJECTED', path: '/qualificationStatus' });
    return steps;
  }
  if (status === 'draft' || status === 'returned') {
    const blocking = input.readiness.map((violation) => ({
      ...violation,
      step: STEP_OF_CODE[violation.code] ?? 'complete_members',
    }));
    steps.push(...blocking.sort((a, b) => TEAM_STEPS.indexOf(a.step) - TEAM_STEPS.indexOf(b.step)));
    steps.push({
      step: 'submit_team',
      code: status === 'returned' ? 'STEP_RESUBMIT_TEAM' : 'STEP_SUBMIT_TEAM',
      path: '/qualificationStatus',
      params: { teamId },
    });
  }
  if (status !== 'approved')
    steps.push({ step: 'organizer_approval', code: 'STEP_AWAIT_APPROVAL', path: '/qualificationStatus' });
  if (!project)
    steps.push({ step: 'create_project', code: 'STEP_CREATE_PROJECT', path: '/project', params: { teamId } });
  if (!project || project.submittedVersions === 0)
    steps.push({
      step: 'submit_version',
      code: 'STEP_SUBMIT_VERSION',
      path: '/project',
      params: { projectId: project?.id ?? '{projectId}' },
    });
  if (input.flagged)
    steps.push({ step: 'flag_clearance', code: 'STEP_AWAIT_FLAG_CLEARANCE', ruleId: 'R-SOC-3', path: '/flaggedAt' });
  return steps;
}
