import { EDITION_EXAMPLE, PROJECT_EXAMPLE, RESULT_EXAMPLE, TEAM_EXAMPLE, VERSION_EXAMPLE } from '../../lib/examples.js';

/**
 * Examples of the webhook operations and events, on the 2024 Guangxi data of lib/examples.ts (the
 * same edition, team and project ids), checked by Redocly against their schemas.
 */

const ENDPOINT_ID = '0b7c3e52-6f1d-4a8e-9c2b-5d4e3f2a1b0c';
const EVENT_ID = '9e8d7c6b-5a49-4382-8716-a5b4c3d2e1f0';

export const WEBHOOK_BODY_EXAMPLE = {
  url: 'https://hooks.gxszkj.example.cn/saishi',
  description: '广西数智科技：同步资格审核与作品提交',
  events: ['team.submitted', 'team.qualified', 'team.returned', 'team.rejected', 'project.version_submitted'],
};

export const WEBHOOK_EXAMPLE = {
  id: ENDPOINT_ID,
  editionId: EDITION_EXAMPLE.id,
  ...WEBHOOK_BODY_EXAMPLE,
  enabled: true,
  previousSecretExpiresAt: null,
  createdAt: '2024-07-01T09:30:00.000+08:00',
  updatedAt: '2024-07-01T09:30:00.000+08:00',
};

export const WEBHOOK_WITH_SECRET_EXAMPLE = {
  ...WEBHOOK_EXAMPLE,
  secret: 'whsec_q3N0dS1hLXJlYWwtc2VjcmV0LWJ1dC1zaGFwZWQtbGlrZS1vbmU',
};

export const WEBHOOK_DELIVERY_EXAMPLE = {
  id: '3c2b1a09-8f7e-4d6c-b5a4-93827160f5e4',
  endpointId: ENDPOINT_ID,
  eventId: EVENT_ID,
  eventType: 'team.submitted',
  state: 'delivered',
  attempts: 2,
  createdAt: '2024-07-15T10:00:00.000+08:00',
  deliveredAt: '2024-07-15T10:00:31.412+08:00',
  tries: [
    {
      attempt: 1,
      statusCode: 503,
      durationMs: 184,
      error: 'HTTP 503',
      at: '2024-07-15T10:00:00.215+08:00',
    },
    { attempt: 2, statusCode: 200, durationMs: 96, error: null, at: '2024-07-15T10:00:31.316+08:00' },
  ],
};

const envelope = (type: string, data: object) => ({
  id: EVENT_ID,
  type,
  createdAt: '2024-07-15T10:00:00.000+08:00',
  edition: { id: EDITION_EXAMPLE.id, code: EDITION_EXAMPLE.code },
  data,
});

const team = { id: TEAM_EXAMPLE.id, name: TEAM_EXAMPLE.name, trackCode: TEAM_EXAMPLE.trackCode };

export const EVENT_EXAMPLES = {
  team: envelope('team.returned', {
    team: { ...team, qualificationStatus: 'returned' },
    reason: '参赛承诺书缺少牵头单位盖章，请补充后重新提交。',
  }),
  project: envelope('project.version_submitted', {
    project: { id: PROJECT_EXAMPLE.id, teamId: TEAM_EXAMPLE.id, title: PROJECT_EXAMPLE.title },
    version: VERSION_EXAMPLE.number,
    submittedAt: VERSION_EXAMPLE.submittedAt,
  }),
  round: envelope('round.opened', {
    round: { id: '2d3e4f50-6172-4839-a4b5-c6d7e8f90a1b', kind: 'preliminary', status: 'open' },
  }),
  results: envelope('results.published', {
    publishedAt: RESULT_EXAMPLE.publishedAt,
    awards: [
      {
        projectId: RESULT_EXAMPLE.projectId,
        teamId: TEAM_EXAMPLE.id,
        title: RESULT_EXAMPLE.title,
        awardCategoryCode: RESULT_EXAMPLE.awardCategoryCode,
        gradeCode: RESULT_EXAMPLE.gradeCode,
      },
    ],
  }),
};
