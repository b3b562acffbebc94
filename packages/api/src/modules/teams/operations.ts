import { defineOperations } from '../../lib/http-schemas.js';
import { MULTIPART_FILE_NOTE } from '../files/http.js';
import { teamPathNote } from './schemas.js';

/** How the teams operations read in the OpenAPI document: operationId (the key), summary and description. */
export const operations = defineOperations({
  uploadStudentId: {
    summary: 'Upload a student ID card (the member or the leader; PDF, JPEG or PNG, 10 MiB, R-UNI-1)',
    description: MULTIPART_FILE_NOTE,
  },
  downloadStudentId: {
    summary: 'Download a student ID card (team members and organizers)',
  },
  acceptPledge: {
    summary: 'Accept the IP and single-division pledge (leader, R-ALL-3)',
    description: teamPathNote('pledge_and_letter'),
  },
  uploadCommitmentLetter: {
    summary: 'Upload the signed commitment letter 参赛承诺书 (leader; PDF, JPEG or PNG, 10 MiB, R-ALL-3)',
    description: `${MULTIPART_FILE_NOTE}. ${teamPathNote('pledge_and_letter')}`,
  },
  downloadCommitmentLetter: {
    summary: 'Download the commitment letter (team members and organizers)',
  },
  listBlacklistEntries: {
    summary: 'Imported 信用中国 list entries (R-SOC-3)',
  },
  previewBlacklistImport: {
    summary: 'Validate a CSV or XLSX list file row by row without writing anything',
    description: `${MULTIPART_FILE_NOTE}. Columns: credit_code (统一社会信用代码), name (单位名称), list_kind (名单类型: dishonest_debtor 失信被执行人, major_tax_violation 重大税收违法案件当事人, procurement_dishonesty 政府采购严重违法失信行为记录名单), source_date (来源日期, YYYY-MM-DD).`,
  },
  importBlacklist: {
    summary: 'Import the valid rows of a list file and flag teams whose unit is listed (R-SOC-3)',
    description: `${MULTIPART_FILE_NOTE}; same columns as the preview. Invalid rows are skipped and reported.`,
  },
  deleteBlacklistEntry: {
    summary: 'Remove a list entry (e.g. the unit was delisted)',
  },
  clearTeamFlag: {
    summary:
      'Clear the blacklist flag of a team, with a reason (R-SOC-3); refused while a unit of the team is still listed',
    description:
      'The clearing is recorded in the team’s annotations and in the ledger (who, when, why); the team joins a preliminary that is open (a draft one enrolls it on opening). 409 `TEAM_NOT_FLAGGED` when there is no flag, 409 `TEAM_UNIT_STILL_BLACKLISTED` (R-SOC-3) while a unit is on a list.',
  },
  listTeamAnnotations: {
    summary: 'Organizers’ notes on a team',
  },
  createTeamAnnotation: {
    summary: 'Add a note to a team (possible at any stage, also after the roster is frozen)',
  },
  createUnit: {
    summary: 'Register a unit with its unified social credit code (R-SOC-1); unique per edition',
  },
  listUnits: {
    summary: 'Find units of an edition by name, credit code or type',
  },
  getUnit: {
    summary: 'One unit',
  },
  createTeam: {
    summary: 'Create a team in a track and become its leader (R-TIME-1, R-SOC-1..3, R-UNI-1, R-ALL-2)',
    description: `The first request of a team. ${teamPathNote('complete_members')}`,
  },
  listTeams: {
    summary: 'Teams for organizers: the qualification queue, with filters (least recently changed first)',
  },
  listMyTeams: {
    summary: 'The teams of the logged-in user',
  },
  getTeam: {
    summary: 'One team (its members and organizers), with its next steps in `missing`',
    description: teamPathNote('complete_members').replace(/\*\*/g, ''),
  },
  updateTeam: {
    summary: 'Rename the team or change its units (leader, draft or returned, during collection)',
  },
  submitTeam: {
    summary: 'Submit the team for qualification review (leader; R-ALL-3, R-UNI-1, R-TIME-1)',
    description: teamPathNote('submit_team'),
  },
  decideQualification: {
    summary: 'Decide on a submitted team: approve, reject or return for changes (reason required to reject or return)',
    description: teamPathNote('organizer_approval'),
  },
  decideQualifications: {
    summary: 'Decide on several teams at once; each outcome is reported',
  },
  listTeamTransitions: {
    summary: 'The qualification history: who changed the status, when and why',
  },
  joinTeam: {
    summary: 'Accept an invitation: join the team of the invite code (R-SOC-4, R-UNI-1, R-UNI-2, R-ALL-2, R-TIME-1/2)',
    description: teamPathNote('complete_members'),
  },
  updateTeamMember: {
    summary: 'Set a member’s student number (the member or the leader, R-UNI-1)',
  },
  removeTeamMember: {
    summary: 'Remove a member (leader) or leave the team (member), during collection (R-TIME-1/2)',
  },
});
