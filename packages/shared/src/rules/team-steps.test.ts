import { describe, expect, it } from 'vitest';
import { formatMessage } from '../i18n/messages.js';
import { teamNextSteps } from './team-steps.js';

const base = { teamId: 't1', flagged: false, project: null };
const steps = (input: Parameters<typeof teamNextSteps>[0]) => teamNextSteps(input).map((item) => item.step);

describe('the next steps of a team (issue 11 item 7)', () => {
  it('spells out the whole path for a new team, members first, then pledge and letter', () => {
    const items = teamNextSteps({
      ...base,
      status: 'draft',
      readiness: [
        { code: 'COMMITMENT_LETTER_REQUIRED', ruleId: 'R-ALL-3', path: '/commitmentLetter' },
        { code: 'PLEDGE_REQUIRED', ruleId: 'R-ALL-3', path: '/pledge' },
        { code: 'STUDENT_PROOF_REQUIRED', ruleId: 'R-UNI-1', path: '/members/0' },
      ],
    });
    expect(items.map((item) => [item.step, item.code])).toEqual([
      ['complete_members', 'STUDENT_PROOF_REQUIRED'],
      ['pledge_and_letter', 'COMMITMENT_LETTER_REQUIRED'],
      ['pledge_and_letter', 'PLEDGE_REQUIRED'],
      ['submit_team', 'STEP_SUBMIT_TEAM'],
      ['organizer_approval', 'STEP_AWAIT_APPROVAL'],
      ['create_project', 'STEP_CREATE_PROJECT'],
      ['submit_version', 'STEP_SUBMIT_VERSION'],
    ]);
    expect(formatMessage(items[3]!.code, 'en', items[3]!.params)).toContain('POST /api/v1/teams/t1/submit');
  });

  it('moves on at each point of the path, and ends empty once a version is submitted', () => {
    const ready = { ...base, readiness: [] };
    expect(steps({ ...ready, status: 'draft' })[0]).toBe('submit_team');
    expect(teamNextSteps({ ...ready, status: 'returned' })[0]?.code).toBe('STEP_RESUBMIT_TEAM');
    expect(steps({ ...ready, status: 'submitted' })).toEqual([
      'organizer_approval',
      'create_project',
      'submit_version',
    ]);
    expect(steps({ ...ready, status: 'approved' })).toEqual(['create_project', 'submit_version']);
    const draftProject = { id: 'p1', submittedVersions: 0 };
    expect(teamNextSteps({ ...ready, status: 'approved', project: draftProject })).toEqual([
      { step: 'submit_version', code: 'STEP_SUBMIT_VERSION', path: '/project', params: { projectId: 'p1' } },
    ]);
    expect(steps({ ...ready, status: 'approved', project: { id: 'p1', submittedVersions: 1 } })).toEqual([]);
    expect(steps({ ...ready, status: 'rejected' })).toEqual(['organizer_approval']);
  });

  it('adds the organizer clearing a blacklist flag (R-SOC-3)', () => {
    const items = teamNextSteps({
      ...base,
      flagged: true,
      readiness: [],
      status: 'approved',
      project: { id: 'p1', submittedVersions: 2 },
    });
    expect(items).toEqual([
      { step: 'flag_clearance', code: 'STEP_AWAIT_FLAG_CLEARANCE', ruleId: 'R-SOC-3', path: '/flaggedAt' },
    ]);
  });
});
