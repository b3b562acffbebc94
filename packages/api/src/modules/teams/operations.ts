import type { ErrorCode } from '@saishi/shared';
import { defineOperations } from '../../lib/http-schemas.js';
import { MULTIPART_FILE_NOTE } from '../files/http.js';
import { teamPathNote } from './schemas.js';

/** What creating a team and changing its units both refuse: the composition rules and the stage. */
const TEAM_COMPOSITION_CODES = [
  'ALREADY_IN_A_TEAM',
  'COLLECTION_CLOSED',
  'DUPLICATE_TEAM_UNIT',
  'INDIVIDUAL_TEAM_HAS_UNITS',
  'LEAD_UNIT_REQUIRED',
  'ONE_DIVISION_ONLY',
  'STUDENT_NUMBER_TAKEN',
  'UNIT_BLACKLISTED',
  'UNIT_NOT_FOUND',
  'UNIT_TEAM_NEEDS_UNIT',
  'UNIT_TYPE_NOT_ELIGIBLE',
  'UNIVERSITY_TEAM_ENTERS_AS_UNITS',
  'UNIVERSITY_TEAM_NEEDS_UNIVERSITY',
] as const satisfies readonly ErrorCode[];

/** How the teams operations read in the OpenAPI document: operationId (the key), summary and description. */
export const operations = defineOperations({
  uploadStudentId: {
    summary: 'Upload a student ID card (the member or the leader; PDF, JPEG or PNG, 10 MiB, R-UNI-1)',
    description: MULTIPART_FILE_NOTE,
    errors: {
      400: ['FILE_MISSING', 'MULTIPART_MALFORMED'],
      403: ['NOT_TEAM_LEADER'],
      404: ['EDITION_NOT_FOUND', 'MEMBER_NOT_FOUND', 'NO_CURRENT_EDITION', 'TEAM_NOT_FOUND'],
      409: ['PRIVACY_NOTICE_MISSING', 'TEAM_LOCKED_FOR_REVIEW'],
      413: ['FILE_TOO_LARGE'],
      415: ['FILE_TYPE_NOT_ALLOWED', 'MULTIPART_REQUIRED'],
      422: ['COLLECTION_CLOSED', 'CONSENT_REQUIRED', 'ROSTER_FROZEN'],
    },
  },
  downloadStudentId: {
    summary: 'Download a student ID card (team members and organizers)',
    description: 'Streams the stored card with its detected type; `Range` requests are answered 206.',
    errors: {
      403: ['NOT_TEAM_MEMBER'],
      404: ['FILE_NOT_FOUND', 'MEMBER_NOT_FOUND', 'TEAM_FILE_NOT_FOUND', 'TEAM_NOT_FOUND'],
      416: ['RANGE_NOT_SATISFIABLE'],
    },
  },
  acceptPledge: {
    summary: 'Accept the IP and single-division pledge (leader, R-ALL-3)',
    description: teamPathNote('pledge_and_letter'),
    errors: {
      403: ['NOT_TEAM_LEADER'],
      404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION', 'TEAM_NOT_FOUND'],
      409: ['TEAM_LOCKED_FOR_REVIEW'],
    },
  },
  uploadCommitmentLetter: {
    summary: 'Upload the signed commitment letter 参赛承诺书 (leader; PDF, JPEG or PNG, 10 MiB, R-ALL-3)',
    description: `${MULTIPART_FILE_NOTE}. ${teamPathNote('pledge_and_letter')}`,
    errors: {
      400: ['FILE_MISSING', 'MULTIPART_MALFORMED'],
      403: ['NOT_TEAM_LEADER'],
      404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION', 'TEAM_NOT_FOUND'],
      409: ['TEAM_LOCKED_FOR_REVIEW'],
      413: ['FILE_TOO_LARGE'],
      415: ['FILE_TYPE_NOT_ALLOWED', 'MULTIPART_REQUIRED'],
      422: ['COLLECTION_CLOSED', 'ROSTER_FROZEN'],
    },
  },
  downloadCommitmentLetter: {
    summary: 'Download the commitment letter (team members and organizers)',
    description: 'Streams the stored letter with its detected type; `Range` requests are answered 206.',
    errors: {
      403: ['NOT_TEAM_MEMBER'],
      404: ['FILE_NOT_FOUND', 'TEAM_FILE_NOT_FOUND', 'TEAM_NOT_FOUND'],
      416: ['RANGE_NOT_SATISFIABLE'],
    },
  },
  listBlacklistEntries: {
    summary: 'Imported 信用中国 list entries (R-SOC-3)',
    description:
      'Entries of the imported 信用中国 lists (失信被执行人, 重大税收违法, 政府采购严重违法失信), filtered by `creditCode` and `listKind`, in keyset pages. A team with a listed unit is flagged (R-SOC-3).',
    errors: { 400: ['INVALID_CURSOR'] },
  },
  previewBlacklistImport: {
    summary: 'Validate a CSV or XLSX list file row by row without writing anything',
    description: `${MULTIPART_FILE_NOTE}. Columns: credit_code (统一社会信用代码), name (单位名称), list_kind (名单类型: dishonest_debtor 失信被执行人, major_tax_violation 重大税收违法案件当事人, procurement_dishonesty 政府采购严重违法失信行为记录名单), source_date (来源日期, YYYY-MM-DD).`,
    errors: {
      400: ['BLACKLIST_FILE_UNREADABLE', 'FILE_MISSING', 'MULTIPART_MALFORMED'],
      413: ['FILE_TOO_LARGE'],
      415: ['MULTIPART_REQUIRED'],
    },
  },
  importBlacklist: {
    summary: 'Import the valid rows of a list file and flag teams whose unit is listed (R-SOC-3)',
    description: `${MULTIPART_FILE_NOTE}; same columns as the preview. Invalid rows are skipped and reported.`,
    errors: {
      400: ['BLACKLIST_FILE_UNREADABLE', 'FILE_MISSING', 'MULTIPART_MALFORMED'],
      413: ['FILE_TOO_LARGE'],
      415: ['MULTIPART_REQUIRED'],
    },
  },
  deleteBlacklistEntry: {
    summary: 'Remove a list entry (e.g. the unit was delisted)',
    description: 'Flags already set stay until an organizer clears them (POST /teams/{id}/flag/clear).',
    errors: { 404: ['NOT_FOUND'] },
  },
  clearTeamFlag: {
    summary:
      'Clear the blacklist flag of a team, with a reason (R-SOC-3); refused while a unit of the team is still listed',
    description:
      'The clearing is recorded in the team’s annotations and in the ledger (who, when, why); the team joins a preliminary that is open (a draft one enrolls it on opening). 409 `TEAM_NOT_FLAGGED` when there is no flag, 409 `TEAM_UNIT_STILL_BLACKLISTED` (R-SOC-3) while a unit is on a list.',
    errors: {
      400: ['TEAM_FLAG_REASON_REQUIRED'],
      404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION', 'TEAM_NOT_FOUND'],
      409: ['TEAM_NOT_FLAGGED', 'TEAM_UNIT_STILL_BLACKLISTED'],
    },
  },
  listTeamAnnotations: {
    summary: 'Organizers’ notes on a team',
    description: 'Notes organizers wrote on the team, including the clearing of its flag. Participants never see them.',
    errors: { 404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION', 'TEAM_NOT_FOUND'] },
  },
  createTeamAnnotation: {
    summary: 'Add a note to a team (possible at any stage, also after the roster is frozen)',
    description: 'A note for organizers only; the team never sees it.',
    errors: { 404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION', 'TEAM_NOT_FOUND'] },
  },
  createUnit: {
    summary: 'Register a unit with its unified social credit code (R-SOC-1); unique per edition',
    description:
      'A unit (单位) is registered once per edition by its 18-character unified social credit code (R-SOC-1; its check character is verified). 409 `UNIT_EXISTS` names the existing unit in `existing` to join instead.',
    errors: {
      404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION'],
      409: ['UNIT_EXISTS'],
      422: ['CREDIT_CODE_CHECK_DIGIT', 'CREDIT_CODE_MALFORMED'],
    },
  },
  listUnits: {
    summary: 'Find units of an edition by name, credit code or type',
    description:
      'Units of the edition, searched by name with `q`, or by exact `creditCode`, filtered by `type`, in keyset pages; for picking a unit when creating a team. Organizers see every unit; participants and experts only the units they registered or those of their teams, or, given `creditCode`, the one unit of that code (to join it instead of registering it again).',
    errors: { 400: ['INVALID_CURSOR'], 404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION'] },
  },
  getUnit: {
    summary: 'One unit',
    description:
      'The unit with its type, credit code, region and whether it is on a blacklist. Participants and experts: only a unit they registered or of their team (404 otherwise).',
    errors: { 404: ['UNIT_NOT_FOUND'] },
  },
  createTeam: {
    summary: 'Create a team in a track and become its leader (R-TIME-1, R-SOC-1..3, R-UNI-1, R-ALL-2)',
    description: `The first request of a team. ${teamPathNote('complete_members')}`,
    errors: {
      404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION', 'TEAM_NOT_FOUND'],
      422: [...TEAM_COMPOSITION_CODES, 'STUDENT_NUMBER_REQUIRED', 'TRACK_NOT_FOUND'],
    },
  },
  listTeams: {
    summary: 'Teams for organizers: the qualification queue, with filters and a sort',
    description:
      'The organizers’ qualification queue: teams of an edition filtered by `track`, `status`, `flagged` and searched by `q`, in the order of `sort` (least recently changed first by default), in keyset pages; a cursor keeps to its order.',
    errors: { 400: ['INVALID_CURSOR'], 404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION'] },
  },
  exportTeams: {
    summary: 'Export the filtered teams as CSV (UTF-8 with BOM) or XLSX (organizers)',
    description:
      'The same filters as the list: every matching team by name with labels (codes in their own columns), its lead unit and credit code, its leader and members. `format=xlsx` for a workbook. The leaders’ mobile and e-mail are masked (138****0001) unless a `reason` is given by an organizer holding `personalData.view` (403 `PERSONAL_DATA_RIGHT_REQUIRED` otherwise); every person named is logged in the personal-data access log.',
    errors: { 403: ['PERSONAL_DATA_RIGHT_REQUIRED'], 404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION'] },
  },
  listMyTeams: {
    summary: 'The teams of the logged-in user',
    description: 'Every team I lead or belong to, with its status and next steps.',
    errors: { 404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION'] },
  },
  getTeam: {
    summary: 'One team (its members and organizers), with its next steps in `missing`',
    description: teamPathNote('complete_members').replace(/\*\*/g, ''),
    errors: { 403: ['NOT_TEAM_MEMBER'], 404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION', 'TEAM_NOT_FOUND'] },
  },
  updateTeam: {
    summary: 'Rename the team or change its units (leader, draft or returned, during collection)',
    description:
      'Only the leader, while the team is a draft or returned and collection is open. 409 `TEAM_LOCKED_FOR_REVIEW` once submitted.',
    errors: {
      403: ['NOT_TEAM_LEADER'],
      404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION', 'TEAM_NOT_FOUND'],
      409: ['TEAM_LOCKED_FOR_REVIEW'],
      422: [...TEAM_COMPOSITION_CODES, 'ROSTER_FROZEN'],
    },
  },
  submitTeam: {
    summary: 'Submit the team for qualification review (leader; R-ALL-3, R-UNI-1, R-TIME-1)',
    description: teamPathNote('submit_team'),
    errors: {
      403: ['NOT_TEAM_LEADER'],
      404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION', 'TEAM_NOT_FOUND'],
      409: ['QUALIFICATION_REASON_REQUIRED', 'QUALIFICATION_TRANSITION_NOT_ALLOWED'],
      422: [
        'COLLECTION_CLOSED',
        'COMMITMENT_LETTER_REQUIRED',
        'DUPLICATE_TEAM_UNIT',
        'INDIVIDUAL_TEAM_HAS_UNITS',
        'LEAD_UNIT_REQUIRED',
        'PLEDGE_REQUIRED',
        'STUDENT_PROOF_REQUIRED',
        'TEAM_SIZE_EXCEEDED',
        'UNIT_BLACKLISTED',
        'UNIT_TEAM_NEEDS_UNIT',
        'UNIT_TYPE_NOT_ELIGIBLE',
        'UNIVERSITY_TEAM_ENTERS_AS_UNITS',
        'UNIVERSITY_TEAM_NEEDS_UNIVERSITY',
      ],
    },
  },
  decideQualification: {
    summary: 'Decide on a submitted team: approve, reject or return for changes (reason required to reject or return)',
    description: teamPathNote('organizer_approval'),
    errors: {
      400: ['QUALIFICATION_REASON_REQUIRED'],
      404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION', 'TEAM_NOT_FOUND'],
      409: ['QUALIFICATION_TRANSITION_NOT_ALLOWED'],
    },
  },
  decideQualifications: {
    summary: 'Decide on several teams at once; each outcome is reported',
    description:
      'Applies one decision (and reason) to each team listed; a team that cannot take it is reported with its problem, the others are decided.',
    errors: {
      400: ['QUALIFICATION_REASON_REQUIRED'],
      404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION', 'TEAM_NOT_FOUND'],
      409: ['QUALIFICATION_TRANSITION_NOT_ALLOWED'],
    },
  },
  listTeamTransitions: {
    summary: 'The qualification history: who changed the status, when and why',
    description: 'Every change of the team’s qualification status, with who made it, when and why.',
    errors: { 403: ['NOT_TEAM_MEMBER'], 404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION', 'TEAM_NOT_FOUND'] },
  },
  joinTeam: {
    summary: 'Accept an invitation: join the team of the invite code (R-SOC-4, R-UNI-1, R-UNI-2, R-ALL-2, R-TIME-1/2)',
    description: teamPathNote('complete_members'),
    errors: {
      404: ['EDITION_NOT_FOUND', 'INVITE_CODE_INVALID', 'NO_CURRENT_EDITION', 'TEAM_NOT_FOUND'],
      409: ['TEAM_LOCKED_FOR_REVIEW'],
      422: [
        'ADVISOR_ONLY_UNIVERSITY',
        'ALREADY_IN_A_TEAM',
        'COLLECTION_CLOSED',
        'ONE_ADVISOR_PER_TEAM',
        'ONE_DIVISION_ONLY',
        'ROSTER_FROZEN',
        'STUDENT_NUMBER_REQUIRED',
        'STUDENT_NUMBER_TAKEN',
        'TEAM_SIZE_EXCEEDED',
      ],
    },
  },
  inviteTeamMember: {
    summary: 'Mail an invitation link to join the team (leader, during collection)',
    description:
      'Sends the address a message with a link carrying the invite code (and the code itself), in its owner’s language when it belongs to an account, which also gets it in the inbox. Each address once per team (409 `INVITATION_ALREADY_SENT`), at most 30 addresses per team (409 `TEAM_INVITATION_LIMIT`); only while the roster may change (R-TIME-1/2).',
    errors: {
      403: ['NOT_TEAM_LEADER'],
      404: ['TEAM_NOT_FOUND'],
      409: ['INVITATION_ALREADY_SENT', 'TEAM_INVITATION_LIMIT', 'TEAM_LOCKED_FOR_REVIEW'],
      422: ['COLLECTION_CLOSED', 'ROSTER_FROZEN'],
    },
  },
  updateTeamMember: {
    summary: 'Set a member’s student number (the member or the leader, R-UNI-1)',
    description:
      'A university-track member needs a student number (R-UNI-1), unique in the edition (422 `STUDENT_NUMBER_TAKEN`).',
    errors: {
      403: ['NOT_TEAM_LEADER'],
      404: ['EDITION_NOT_FOUND', 'MEMBER_NOT_FOUND', 'NO_CURRENT_EDITION', 'TEAM_NOT_FOUND'],
      409: ['TEAM_LOCKED_FOR_REVIEW'],
      422: ['ALREADY_IN_A_TEAM', 'COLLECTION_CLOSED', 'ONE_DIVISION_ONLY', 'ROSTER_FROZEN', 'STUDENT_NUMBER_TAKEN'],
    },
  },
  removeTeamMember: {
    summary: 'Remove a member (leader) or leave the team (member), during collection (R-TIME-1/2)',
    description: 'The leader cannot leave (409 `LEADER_CANNOT_LEAVE`); only during collection (R-TIME-1/2).',
    errors: {
      403: ['NOT_TEAM_LEADER'],
      404: ['MEMBER_NOT_FOUND', 'TEAM_NOT_FOUND'],
      409: ['LEADER_CANNOT_LEAVE', 'TEAM_LOCKED_FOR_REVIEW'],
      422: ['COLLECTION_CLOSED', 'ROSTER_FROZEN'],
    },
  },
});
