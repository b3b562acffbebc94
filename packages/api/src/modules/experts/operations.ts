import { defineOperations } from '../../lib/http-schemas.js';

/** How the experts operations read in the OpenAPI document: operationId (the key), summary and description. */
export const operations = defineOperations({
  listExpertConflicts: {
    summary: 'Declared conflicts of interest',
  },
  declareExpertConflict: {
    summary:
      'Declare a conflict of interest (回避) with a project, team or unit; withdraws pending assignments it forbids',
  },
  inviteExpert: {
    summary:
      'Invite an expert (a new account of role expert, or an existing account by id) with affiliation and fields',
  },
  listExperts: {
    summary: 'List experts',
  },
  getExpert: {
    summary: 'One expert (an expert sees only themself)',
  },
  updateExpert: {
    summary: 'Update an expert’s affiliation, title or fields',
  },
});
