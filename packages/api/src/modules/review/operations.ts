import { defineOperations } from '../../lib/http-schemas.js';

/** How the review operations read in the OpenAPI document: operationId (the key), summary and description. */
export const operations = defineOperations({
  openReviewRound: {
    summary:
      'Open a draft round in its stage (needs both rubrics); the preliminary enrolls every qualified, submitted project',
    description: 'Outside the round’s stage only with `override: true` and a reason (R-TIME-4).',
    errors: {
      404: ['ROUND_NOT_FOUND'],
      409: ['ROUND_TRANSITION_INVALID', 'RUBRIC_MISSING', 'STAGE_GATE_CLOSED'],
      422: ['OVERRIDE_REASON_REQUIRED'],
    },
  },
  closeReviewRound: {
    summary: 'Close an open round in its stage',
    description: 'Outside the round’s stage only with `override: true` and a reason (R-TIME-4).',
    errors: {
      404: ['ROUND_NOT_FOUND'],
      409: ['ROUND_TRANSITION_INVALID', 'STAGE_GATE_CLOSED'],
      422: ['OVERRIDE_REASON_REQUIRED'],
    },
  },
  listAssignments: {
    summary: 'Assignments, filtered by round, expert or project (organizers)',
    description:
      'Assignments in keyset pages, filtered by `roundId`, `expertId` and `projectId`, grouped by project or by expert (`sort`), with the score state of each.',
    errors: { 400: ['INVALID_CURSOR'] },
  },
  listAssignmentCandidates: {
    summary: 'Experts who may be added by hand to a project of the round: active, unassigned, free of conflicts',
    description:
      'Conflicts are derived from the expert’s affiliation (credit code, or name matched to the units of that name), the teams the expert is on, and declared conflicts; conflicted experts are only counted. 404 `PROJECT_NOT_IN_ROUND`.',
    errors: { 404: ['PROJECT_NOT_IN_ROUND', 'ROUND_NOT_FOUND'] },
  },
  createAssignment: {
    summary: 'Add an expert to a project by hand, with a reason (conflicts refused, also by a database trigger)',
    description:
      'For a project short of reviewers or a special case. 422 `EXPERT_CONFLICT_OF_INTEREST` when the expert has a conflict with the project, its team or a unit (also enforced by a database trigger); 409 `ASSIGNMENT_EXISTS`, `ROUND_NOT_OPEN`, or `AUTO_ASSIGNMENT_RUNNING` while an automatic assignment writes the round.',
    errors: {
      404: ['EDITION_NOT_FOUND', 'EXPERT_NOT_FOUND', 'NO_CURRENT_EDITION', 'PROJECT_NOT_IN_ROUND', 'ROUND_NOT_FOUND'],
      409: ['ASSIGNMENT_EXISTS', 'AUTO_ASSIGNMENT_RUNNING', 'ROUND_NOT_OPEN'],
      422: ['EXPERT_CONFLICT_OF_INTEREST'],
    },
  },
  deleteAssignment: {
    summary: 'Remove an expert from a project, with a reason (not once the score is submitted)',
    description:
      'The reason is kept and the round summary counts the project short of a reviewer. 409 `ASSIGNMENT_HAS_SUBMITTED_SCORE` once the score is submitted.',
    errors: {
      404: ['ASSIGNMENT_NOT_FOUND', 'ROUND_NOT_FOUND'],
      409: ['ASSIGNMENT_HAS_SUBMITTED_SCORE', 'AUTO_ASSIGNMENT_RUNNING', 'ROUND_NOT_OPEN'],
    },
  },
  listMyAssignments: {
    summary: 'The signed-in expert’s assignments, with the blind project view',
    description:
      'Every assignment of the signed-in expert, or of one round with `roundId`: the blind project (no team, unit or member names) and the score state.',
    errors: {},
  },
  getAssignment: {
    summary: 'One of the expert’s assignments: blind project, rubric, score so far',
    description:
      'The blind view of the project (no team, unit or member names), the rubric of its direction and the score saved so far.',
    errors: {
      404: ['ASSIGNMENT_NOT_FOUND', 'EDITION_NOT_FOUND', 'NO_CURRENT_EDITION', 'ROUND_NOT_FOUND'],
      409: ['RUBRIC_MISSING'],
    },
  },
  downloadMyBlindFiles: {
    summary: 'Download the files of every project assigned to me in a round, as one ZIP (blind copies)',
    description:
      'One folder per assignment, named after the assignment id; each file named after its kind (proposal, slides…): no team, unit or original file name. PDFs and office documents without their identifying metadata, as the single downloads. Streamed while it is written (no Content-Length).',
    errors: { 404: ['ROUND_NOT_FOUND'] },
  },
  downloadRoundBlindFiles: {
    summary: 'Download the blind copies of every current file of a round’s projects, as one ZIP (organizers)',
    description:
      'One folder per project (its title and the start of its id), each file named after its kind; PDFs and office documents without identifying metadata, as experts get them. Streamed while it is written (no Content-Length), memory flat whatever the round’s size.',
    errors: { 404: ['ROUND_NOT_FOUND'] },
  },
  downloadAssignmentFile: {
    summary: 'Download a file of the assigned project (named after its kind, Range supported)',
    description:
      'The file is named after its kind (proposal, slides…), so its name reveals no team. `Range` requests are answered 206.',
    errors: { 404: ['ASSIGNMENT_NOT_FOUND'], 416: ['RANGE_NOT_SATISFIABLE'] },
  },
  saveScoreDraft: {
    summary: 'Save the score as a draft (criteria may be partial)',
    description:
      'Values are checked against the rubric (422); saving again replaces the draft. 409 `SCORE_ALREADY_SUBMITTED` once submitted, `ROUND_NOT_OPEN` outside the round.',
    errors: {
      404: ['ASSIGNMENT_NOT_FOUND', 'EDITION_NOT_FOUND', 'NO_CURRENT_EDITION', 'ROUND_NOT_FOUND'],
      409: ['ROUND_NOT_OPEN', 'RUBRIC_MISSING', 'SCORE_ALREADY_SUBMITTED'],
      422: ['SCORE_CRITERION_MISSING', 'SCORE_OUT_OF_RANGE', 'SCORE_UNKNOWN_CRITERION'],
    },
  },
  submitScore: {
    summary:
      'Submit the score (every criterion scored); `{}` submits the saved draft as is. Only an admin can reopen it',
    description:
      'Every criterion of the rubric needs a value (422). A submitted score counts in the ranking and only an organizer can reopen it.',
    errors: {
      404: ['ASSIGNMENT_NOT_FOUND', 'EDITION_NOT_FOUND', 'NO_CURRENT_EDITION', 'ROUND_NOT_FOUND'],
      409: ['ROUND_NOT_OPEN', 'RUBRIC_MISSING', 'SCORE_ALREADY_SUBMITTED'],
      422: ['SCORE_CRITERION_MISSING', 'SCORE_OUT_OF_RANGE', 'SCORE_UNKNOWN_CRITERION'],
    },
  },
  getScore: {
    summary: 'One score with its criteria values and comments (organizers)',
    description:
      'The score with each criterion’s value and comment, its total and its history (submitted, reopened and why).',
    errors: { 404: ['ROUND_NOT_FOUND', 'SCORE_NOT_FOUND'] },
  },
  reopenScore: {
    summary: 'Reopen a submitted score, with a reason',
    description:
      'The expert can change and submit it again; the reason is kept. 409 `SCORE_NOT_SUBMITTED` when the score is not submitted.',
    errors: {
      404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION', 'ROUND_NOT_FOUND', 'SCORE_NOT_FOUND'],
      409: ['ROUND_NOT_OPEN', 'SCORE_NOT_SUBMITTED'],
    },
  },
  listReviewRounds: {
    summary: 'Review rounds of an edition',
    description:
      'The preliminary (初赛) and final (决赛) rounds of the edition with their status, N and normalization.',
    errors: { 404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION'] },
  },
  createReviewRound: {
    summary: 'Create the preliminary or final round (draft); N defaults to 5 and 7',
    description:
      'One preliminary and one final per edition (409 `ROUND_EXISTS` for a second). `expertsPerProject` (N) defaults to 5 for the preliminary and 7 for the final.',
    errors: { 404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION'], 409: ['ROUND_EXISTS'] },
  },
  getReviewRound: {
    summary: 'One review round',
    description: 'Status (draft, open, closed), N, normalization and when it opened and closed.',
    errors: { 404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION', 'ROUND_NOT_FOUND'] },
  },
  updateReviewRound: {
    summary: 'Change N, the normalization or the score-spread threshold of a round',
    description:
      'Until the round is closed (409 `ROUND_NOT_OPEN`). `spreadMeasure` (range or sd) and `spreadThreshold` (null: off) decide which projects are flagged for a re-review or a panel decision.',
    errors: { 404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION', 'ROUND_NOT_FOUND'], 409: ['ROUND_NOT_OPEN'] },
  },
  listRubrics: {
    summary: 'Rubrics of a round per direction',
    description: 'The criteria of each direction’s rubric with their weights.',
    errors: { 404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION', 'ROUND_NOT_FOUND'] },
  },
  setRubric: {
    summary: 'Set the rubric of a direction (weights total 100); only while the round is a draft',
    description:
      'Replaces the criteria of the direction; the weights must total 100. 409 `ROUND_NOT_DRAFT` once the round is open.',
    errors: {
      400: ['RUBRIC_DUPLICATE_CRITERION', 'RUBRIC_EMPTY', 'RUBRIC_WEIGHTS_NOT_100'],
      404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION', 'ROUND_NOT_FOUND'],
      409: ['ROUND_NOT_DRAFT'],
    },
  },
  listRoundProjects: {
    summary: 'Projects the round reviews (for the final: advanced ones with their preliminary result)',
    description:
      'Every project enrolled in the round by title, with its progress (assignments that count, submitted scores); for the final, the preliminary result that advanced it.',
    errors: { 404: ['ROUND_NOT_FOUND'] },
  },
  autoAssignExperts: {
    summary: 'Assign N conflict-free experts to every project of the round, balancing load and matching fields',
    description:
      'Tops every project of the round up to N experts without a conflict of interest, preferring experts of the project’s field and the least loaded. Answers how many were created, each project still short (not enough free experts) and the match quality (`fieldMatch`: the share of new assignments whose expert shares a field with the project). With `Prefer: respond-async` it answers at once 202 with a background job (`Location`: getAutoAssignJob), for rounds that take longer than a proxy waits (national size). The assignments are written in chunks, each committed, and the run is undone if it fails: nothing of a failed run stays. A second run of the round waits for the first to end (409 `AUTO_ASSIGNMENT_RUNNING` after a minute).',
    errors: { 404: ['JOB_NOT_FOUND', 'ROUND_NOT_FOUND'], 409: ['AUTO_ASSIGNMENT_RUNNING', 'ROUND_NOT_OPEN'] },
  },
  getAutoAssignJob: {
    summary: 'An automatic assignment running in the background: its phase, progress and, once done, its result',
    description:
      'Phases: `queued`, `enrolling` (preliminary round), `planning`, `assigning` (`done` of `total` assignments written), `recording`, `done`. `result` is the synchronous answer once the job completed; a failed job says why in `error`. 404 `JOB_NOT_FOUND` for a job of another round or queue.',
    errors: { 404: ['JOB_NOT_FOUND'] },
  },
  getRoundSummary: {
    summary: 'Progress of a round and every project short of N reviewers, with the reviewers it lost and why',
    description:
      'A reviewer is lost when a conflict is declared, an organizer removes the assignment, or the expert is disabled before submitting; auto-assignment tops such projects up.',
    errors: { 404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION', 'ROUND_NOT_FOUND'] },
  },
  getRoundRanking: {
    summary: 'Aggregated results ranked per track × category (submitted scores only), with score spread flags',
    description:
      'Each project’s aggregate of submitted scores (normalized per expert when the round says so), ranked within each track × category group; each entry has its spread, whether it is flagged, and the re-review or panel decision that decides its result (`resolvedBy`).',
    errors: { 404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION', 'ROUND_NOT_FOUND'], 409: ['LEDGER_BROKEN'] },
  },
  advanceProjects: {
    summary:
      'Advance the top K per track × category, or everyone at or above a threshold, of a closed preliminary to the final',
    description:
      '`adjustments` depart from the rule by hand, each with a reason: `advance: false` holds back a project the rule advances (ledger `decision.adjusted`), `advance: true` adds a ranked one (its `project.advanced` entry carries the reason).',
    errors: {
      400: ['ADVANCEMENT_RULE_REQUIRED'],
      404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION', 'ROUND_NOT_FOUND'],
      409: [
        'STAGE_GATE_CLOSED',
        'DECISION_PREVIEW_STALE',
        'FINAL_ROUND_MISSING',
        'LEDGER_BROKEN',
        'ROUND_NOT_CLOSED',
        'ROUND_NOT_OPEN',
      ],
      422: ['ADJUSTMENT_NOT_RANKED', 'ADJUSTMENT_NO_CHANGE', 'OVERRIDE_REASON_REQUIRED'],
    },
  },
  requestReReview: {
    summary: 'Send a project flagged for its score spread to a re-review by additional conflict-free experts (复评)',
    description:
      'Only while the round is open and the project’s spread of submitted totals is above the round’s `spreadThreshold` (409 `PROJECT_NOT_FLAGGED`), once per project (409 `SPREAD_ALREADY_RESOLVED`). The experts are chosen as the manual candidates are: active, unassigned, free of conflicts (the database trigger checks each again), matching fields first, then the least loaded; 409 `RE_REVIEW_EXPERTS_SHORT` when there are fewer. Final score rule: every submitted total, original and added, aggregated with the group’s rule. Recorded in the ledger (`project.re_review_requested`) with the reason.',
    errors: {
      404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION', 'PROJECT_NOT_IN_ROUND', 'ROUND_NOT_FOUND'],
      409: [
        'ASSIGNMENT_EXISTS',
        'AUTO_ASSIGNMENT_RUNNING',
        'PROJECT_NOT_FLAGGED',
        'RE_REVIEW_EXPERTS_SHORT',
        'ROUND_NOT_OPEN',
        'SPREAD_ALREADY_RESOLVED',
      ],
      422: ['EXPERT_CONFLICT_OF_INTEREST'],
    },
  },
  decideByPanel: {
    summary: 'Record the panel decision (合议) on a flagged or re-reviewed project: its score, with a reason',
    description:
      'The panel’s score (0–100) becomes the project’s result in the ranking, advancement and awards; the experts’ aggregate stays visible as `scoredResult`. Only for a project flagged or re-reviewed (409 `PROJECT_NOT_FLAGGED`), once (409 `SPREAD_ALREADY_RESOLVED`), in an open or closed round, and not once the preliminary’s projects have advanced (409 `ROUND_ALREADY_ADVANCED`). Recorded in the ledger (`project.panel_decided`).',
    errors: {
      404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION', 'PROJECT_NOT_IN_ROUND', 'ROUND_NOT_FOUND'],
      409: ['PROJECT_NOT_FLAGGED', 'ROUND_ALREADY_ADVANCED', 'ROUND_NOT_OPEN', 'SPREAD_ALREADY_RESOLVED'],
    },
  },
  previewAdvancement: {
    summary: 'Who the rule (top K per track × category, or a threshold) would advance, before deciding',
    description:
      'Send the answer’s `digest` back as `previewDigest` with POST /advance: the commit is refused (409) if the outcome changed since.',
    errors: {
      400: ['ADVANCEMENT_RULE_REQUIRED'],
      404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION', 'ROUND_NOT_FOUND'],
      409: ['ROUND_NOT_CLOSED'],
    },
  },
});
