import { defineOperations } from '../../lib/http-schemas.js';

/** How the experts operations read in the OpenAPI document: operationId (the key), summary and description. */
export const operations = defineOperations({
  listExpertConflicts: {
    summary: 'Declared conflicts of interest',
    description: 'Conflicts declared by the expert or by an organizer; an expert reads only their own.',
    errors: { 403: ['FORBIDDEN'], 404: ['EXPERT_NOT_FOUND'] },
  },
  declareExpertConflict: {
    summary:
      'Declare a conflict of interest (回避) with a project, team or unit; withdraws pending assignments it forbids',
    description:
      'The expert is kept off the project, the team or every team of the unit; pending assignments it forbids are withdrawn and the round summary shows the lost reviewer. 404 `CONFLICT_SUBJECT_NOT_FOUND` for an unknown subject.',
    errors: {
      400: ['VALIDATION_FAILED'],
      403: ['FORBIDDEN'],
      404: ['CONFLICT_SUBJECT_NOT_FOUND', 'EXPERT_NOT_FOUND'],
      422: ['CREDIT_CODE_CHECK_DIGIT', 'CREDIT_CODE_MALFORMED'],
    },
  },
  withdrawExpertConflict: {
    summary: 'Withdraw a conflict of interest, with a reason (the expert or an organizer)',
    description:
      'The conflict stays on record but no longer keeps the expert off; the next auto-assignment may assign the expert again. Written to the ledger. 409 `CONFLICT_ALREADY_WITHDRAWN`.',
    errors: { 403: ['FORBIDDEN'], 404: ['CONFLICT_NOT_FOUND'], 409: ['CONFLICT_ALREADY_WITHDRAWN'] },
  },
  reviewExpertConflict: {
    summary: 'Confirm or reject an expert’s declared conflict, with a note (organizers)',
    description:
      'An expert’s declaration keeps them off at once and waits for this review; a rejected conflict no longer counts. Written to the ledger. 409 `CONFLICT_NOT_PENDING`.',
    errors: { 403: ['FORBIDDEN'], 404: ['CONFLICT_NOT_FOUND'], 409: ['CONFLICT_NOT_PENDING'] },
  },
  listAllExpertConflicts: {
    summary: 'Declared conflicts of every expert, newest first, filtered by status (organizers)',
    description: 'With the expert’s and the subject’s names; `status=pending` lists what waits for review.',
    errors: { 400: ['INVALID_CURSOR'] },
  },
  searchConflictSubjects: {
    summary: 'Find units, teams and projects by name, to declare a conflict with one',
    description:
      'Names and the edition only (a unit with its credit code), never who a project belongs to: experts review blind. At most `limit` of each kind.',
    errors: {},
  },
  inviteExpert: {
    summary:
      'Invite an expert (a new account of role expert, or an existing account by id) with affiliation and fields',
    description:
      'Creates an account of role `expert`, or makes an existing account an expert; affiliation (name, credit code, type) and fields serve conflict-free, field-matched assignment. A new account without `password` is mailed an invitation: a one-time link, valid 7 days, to choose its password (POST /auth/password). 409 `EXPERT_EMAIL_TAKEN` or `EXPERT_ALREADY_EXISTS`.',
    errors: {
      404: ['EXPERT_NOT_FOUND', 'TOPIC_NOT_FOUND'],
      409: ['EXPERT_ALREADY_EXISTS', 'EXPERT_EMAIL_TAKEN'],
      422: ['CREDIT_CODE_CHECK_DIGIT', 'CREDIT_CODE_MALFORMED'],
    },
  },
  resendExpertInvitation: {
    summary: 'Mail an invited expert a new link to choose their password',
    description:
      'For an expert who has not chosen a password yet: a new one-time link (valid 7 days) replaces the earlier one. 409 `EXPERT_ALREADY_ACTIVE` once the expert has a password (they can reset it themselves).',
    errors: { 404: ['EXPERT_NOT_FOUND'], 409: ['EXPERT_ALREADY_ACTIVE'] },
  },
  listExperts: {
    summary: 'List experts',
    description:
      'Experts in the order of `sort` (by name unless told), filtered by an industry `field` code, in keyset pages (a cursor keeps to its order).',
    errors: { 400: ['INVALID_CURSOR'] },
  },
  getExpert: {
    summary: 'One expert (an expert sees only themself)',
    description: 'The expert’s account, affiliation, title and fields. An expert reads only themself (403 otherwise).',
    errors: { 403: ['FORBIDDEN'], 404: ['EXPERT_NOT_FOUND'] },
  },
  updateExpert: {
    summary: 'Update an expert’s affiliation, title, fields or topics (an expert: their own fields and topics)',
    description:
      'Fields and topics serve matching at the next auto-assignment (a topic match is preferred to a field match); assignments made already stay. An expert may change only their own `fieldCodes` and `topicIds` (403 otherwise); 404 `TOPIC_NOT_FOUND` for an unknown topic.',
    errors: {
      403: ['FORBIDDEN'],
      404: ['EXPERT_NOT_FOUND', 'TOPIC_NOT_FOUND'],
      422: ['CREDIT_CODE_CHECK_DIGIT', 'CREDIT_CODE_MALFORMED'],
    },
  },
});
