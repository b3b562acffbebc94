import type { MessageCatalog } from './types.js';

/** What a team does next on its path to review (rules/team-steps.ts), each naming the request that does it. */
export const stepMessages = {
  STEP_SUBMIT_TEAM: {
    'zh-CN': '材料齐全后，由队长提交团队参加资格审核：POST /api/v1/teams/{teamId}/submit',
    en: 'Once everything is in, the leader submits the team for qualification review: POST /api/v1/teams/{teamId}/submit',
  },
  STEP_RESUBMIT_TEAM: {
    'zh-CN': '团队被退回修改：按退回理由修改后，由队长重新提交：POST /api/v1/teams/{teamId}/submit',
    en: 'The team was returned: make the changes the reason asks for, then the leader submits again: POST /api/v1/teams/{teamId}/submit',
  },
  STEP_AWAIT_APPROVAL: {
    'zh-CN': '等待主办方资格审核通过后才能创建作品',
    en: 'Wait for the organizers to approve the team (qualification review) before creating the project',
  },
  STEP_TEAM_REJECTED: {
    'zh-CN': '团队未通过资格审核，不能参赛；理由见 GET /api/v1/teams/{teamId}/transitions',
    en: 'The team was rejected in qualification review and cannot enter; the reason is in GET /api/v1/teams/{teamId}/transitions',
  },
  STEP_CREATE_PROJECT: {
    'zh-CN': '创建团队的参赛作品（每队一个）：POST /api/v1/teams/{teamId}/project',
    en: 'Create the team’s project (one per team): POST /api/v1/teams/{teamId}/project',
  },
  STEP_SUBMIT_VERSION: {
    'zh-CN': '提交作品的第一个版本，评审只看已提交的版本：POST /api/v1/projects/{projectId}/versions',
    en: 'Submit the project’s first version; reviews read submitted versions only: POST /api/v1/projects/{projectId}/versions',
  },
  STEP_AWAIT_FLAG_CLEARANCE: {
    'zh-CN': '团队的参赛单位被列入信用中国名单，暂不参加评审和评奖，待主办方核实并清除标记',
    en: 'A unit of the team is on a 信用中国 list: the team is not reviewed or awarded until the organizers check and clear the flag',
  },
} satisfies MessageCatalog;
