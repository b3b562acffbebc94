import { defineOperations } from '../../lib/http-schemas.js';

/** How the review operations read in the OpenAPI document: operationId (the key), summary and description. */
export const operations = defineOperations({
  openReviewRound: {
    summary:
      'Open a draft round in its stage (needs both rubrics); the preliminary enrolls every qualified, submitted project',
    description: 'Outside the round’s stage only with `override: true` and a reason (R-TIME-4).',
  },
  closeReviewRound: {
    summary: 'Close an open round in its stage',
    description: 'Outside the round’s stage only with `override: true` and a reason (R-TIME-4).',
  },
  listAssignments: {
    summary: 'Assignments, filtered by round, expert or project (organizers)',
  },
  createAssignment: {
    summary: 'Add an expert to a project by hand, with a reason (conflicts refused, also by a database trigger)',
  },
  deleteAssignment: {
    summary: 'Remove an expert from a project, with a reason (not once the score is submitted)',
  },
  listMyAssignments: {
    summary: 'The signed-in expert’s assignments, with the blind project view',
  },
  getAssignment: {
    summary: 'One of the expert’s assignments: blind project, rubric, score so far',
  },
  downloadAssignmentFile: {
    summary: 'Download a file of the assigned project (named after its kind, Range supported)',
  },
  saveScoreDraft: {
    summary: 'Save the score as a draft (criteria may be partial)',
  },
  submitScore: {
    summary:
      'Submit the score (every criterion scored); `{}` submits the saved draft as is. Only an admin can reopen it',
  },
  getScore: {
    summary: 'One score with its criteria values and comments (organizers)',
  },
  reopenScore: {
    summary: 'Reopen a submitted score, with a reason',
  },
  listReviewRounds: {
    summary: 'Review rounds of an edition',
  },
  createReviewRound: {
    summary: 'Create the preliminary or final round (draft); N defaults to 5 and 7',
  },
  getReviewRound: {
    summary: 'One review round',
  },
  updateReviewRound: {
    summary: 'Change N or the normalization of a round',
  },
  listRubrics: {
    summary: 'Rubrics of a round per direction',
  },
  setRubric: {
    summary: 'Set the rubric of a direction (weights total 100); only while the round is a draft',
  },
  listRoundProjects: {
    summary: 'Projects the round reviews (for the final: advanced ones with their preliminary result)',
  },
  autoAssignExperts: {
    summary: 'Assign N conflict-free experts to every project of the round, balancing load and matching fields',
  },
  getRoundSummary: {
    summary: 'Progress of a round and every project short of N reviewers, with the reviewers it lost and why',
    description:
      'A reviewer is lost when a conflict is declared, an organizer removes the assignment, or the expert is disabled before submitting; auto-assignment tops such projects up.',
  },
  getRoundRanking: {
    summary: 'Aggregated results ranked per track × category (submitted scores only)',
  },
  advanceProjects: {
    summary:
      'Advance the top K per track × category, or everyone at or above a threshold, of a closed preliminary to the final',
    description:
      '`adjustments` depart from the rule by hand, each with a reason: `advance: false` holds back a project the rule advances (ledger `decision.adjusted`), `advance: true` adds a ranked one (its `project.advanced` entry carries the reason).',
  },
  previewAdvancement: {
    summary: 'Who the rule (top K per track × category, or a threshold) would advance, before deciding',
    description:
      'Send the answer’s `digest` back as `previewDigest` with POST /advance: the commit is refused (409) if the outcome changed since.',
  },
});
