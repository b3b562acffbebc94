import { defineOperations } from '../../lib/http-schemas.js';

/** How the editions operations read in the OpenAPI document: operationId (the key), summary and description. */
export const operations = defineOperations({
  publishEdition: {
    summary: 'Publish a draft edition to entrants and the public',
    description:
      'Entrants and the public see an edition once it is published. 422 `STAGES_INCOMPLETE` while a stage has no dates; 409 `EDITION_STATUS_CONFLICT` when it is not a draft.',
    errors: {
      409: ['EDITION_STATUS_CONFLICT'],
      422: ['STAGES_INCOMPLETE', 'STAGES_OVERLAP', 'STAGE_ENDS_BEFORE_START'],
    },
  },
  archiveEdition: {
    summary: 'Archive a published edition (read-only)',
    description: 'An archived edition is read-only. 409 `EDITION_STATUS_CONFLICT` when it is not published.',
    errors: { 409: ['EDITION_STATUS_CONFLICT'] },
  },
  createTopic: {
    summary: 'Add a topic',
    description:
      'A topic (选题) belongs to one industry field of the edition (422 `FIELD_NOT_FOUND` otherwise); example topics are suggestions, not a closed list.',
    errors: { 404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION', 'TOPIC_NOT_FOUND'], 422: ['FIELD_NOT_FOUND'] },
  },
  updateTopic: {
    summary: 'Change a topic',
    description: 'Changes the title, description, field or order of a topic.',
    errors: { 404: ['TOPIC_NOT_FOUND'], 422: ['FIELD_NOT_FOUND'] },
  },
  deleteTopic: {
    summary: 'Remove a topic',
    description: 'Refused (409) while a project refers to the topic.',
    errors: { 404: ['TOPIC_NOT_FOUND'] },
  },
  updateStage: {
    summary: 'Change the dates of a stage',
    description:
      'The new dates are checked with the rest of the timeline (422 when it would not hold); times are ISO 8601 with offset, shown in the edition’s time zone.',
    errors: {
      404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION', 'STAGE_NOT_FOUND'],
      422: ['STAGES_OVERLAP', 'STAGE_ENDS_BEFORE_START'],
    },
  },
  listDivisions: {
    summary: 'The divisions (分赛区) and the national competition',
    description:
      'The divisions (分赛区, e.g. 广西) and the national competition they feed; each edition belongs to one.',
    errors: {},
  },
  listEditions: {
    summary: 'List editions (drafts only for organizers)',
    description:
      'Editions newest first, filtered by `division`, `status` and `parentId` (a national edition’s division editions). Anonymous callers and participants see published and archived editions; organizers also see drafts of their division.',
    errors: {},
  },
  getEdition: {
    summary: 'One edition (`current` for the current one)',
    description:
      '`current` is the edition the client looks at: the latest published edition of the default division unless the client names another; an edition code such as `2024-guangxi` or an id works too.',
    errors: { 404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION'] },
  },
  getTimeline: {
    summary: 'The timeline and the stage open now',
    description:
      'Every stage with its start and end, the stage open now (`currentStage`) and the next one, computed with the platform clock in the edition’s time zone.',
    errors: { 404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION'] },
  },
  listEvents: {
    summary: 'Events such as the recommendation meeting',
    description: 'Events of the edition (launch, recommendation meeting, final) with mode, venue, times and agenda.',
    errors: { 404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION'] },
  },
  createEdition: {
    summary: 'Create a draft edition from scratch (the standard tracks, directions, categories, awards and fields)',
    description:
      'The new edition is a draft with the standard tracks, directions, categories, award categories and grades, and industry fields: date its stages, then publish it. 409 `EDITION_CODE_TAKEN` when the code is in use.',
    errors: {
      404: ['DIVISION_NOT_FOUND', 'EDITION_NOT_FOUND', 'NO_CURRENT_EDITION'],
      409: ['EDITION_CODE_TAKEN'],
      422: [
        'DIVISION_NOT_FOUND',
        'EDITION_PARENT_NOT_NATIONAL',
        'STAGES_INCOMPLETE',
        'STAGES_OVERLAP',
        'STAGE_ENDS_BEFORE_START',
      ],
    },
  },
  listDuplicateEntries: {
    summary: 'Likely duplicate entries across the divisions of a national edition (one project, one division)',
    description:
      'Pairs of projects entered in two divisions of the national edition whose teams name the same unit (unified social credit code) or whose titles are alike (pg_trgm similarity ≥ 0.5), those sharing a unit first, then by title similarity. For organizers to look into (R-DIV-1); nothing is changed. 422 `NOT_A_NATIONAL_EDITION` for an edition without divisions; a division organizer does not see the national edition (404).',
    errors: { 404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION'], 422: ['NOT_A_NATIONAL_EDITION'] },
  },
  cloneEdition: {
    summary: 'Open the next season: a draft copy of the edition, its dates moved to the new year',
    description:
      'Copies tracks, directions, categories, award categories and grades, fields and topics, stages and events ' +
      '(moved by the difference in years), review rounds with their rubrics (as drafts) and award quotas; ' +
      'never teams, units, projects or people.',
    errors: {
      404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION'],
      409: ['EDITION_CODE_TAKEN'],
      422: ['EDITION_PARENT_NOT_NATIONAL'],
    },
  },
  updateEdition: {
    summary: 'Change the settings of an edition',
    description:
      'Name, theme, organizers, contacts, committees and the national final date. 409 `EDITION_ARCHIVED` on an archived edition.',
    errors: { 404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION'], 409: ['EDITION_ARCHIVED'] },
  },
  replaceStageDates: {
    summary: 'Change the dates of several stages at once',
    description:
      'Sets the dates of the stages sent, checked together with the rest of the timeline (422 when it would not hold).',
    errors: {
      404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION'],
      409: ['EDITION_ARCHIVED'],
      422: ['STAGES_OVERLAP', 'STAGE_ENDS_BEFORE_START'],
    },
  },
  createEvent: {
    summary: 'Add an event',
    description: 'An event has a title, a mode, a venue, sign-in, start and end times and an agenda.',
    errors: { 404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION'], 409: ['EDITION_ARCHIVED'] },
  },
  updateEvent: {
    summary: 'Change an event',
    description: 'Changes any field of an event.',
    errors: { 404: ['EDITION_NOT_FOUND', 'EVENT_NOT_FOUND', 'NO_CURRENT_EDITION'], 409: ['EDITION_ARCHIVED'] },
  },
  deleteEvent: {
    summary: 'Remove an event',
    description: 'Removes the event from the edition.',
    errors: { 404: ['EDITION_NOT_FOUND', 'EVENT_NOT_FOUND', 'NO_CURRENT_EDITION'], 409: ['EDITION_ARCHIVED'] },
  },
  createDivision: {
    summary: 'Add a division (分赛区) or the national competition',
    description: 'A division code is unique (409 `DIVISION_CODE_TAKEN`).',
    errors: { 409: ['DIVISION_CODE_TAKEN'] },
  },
  setUserDivision: {
    summary: 'Keep an organizer to one division, or (`null`) let them act on every edition',
    description:
      'A division organizer acts only on that division’s editions and reads the national one; `null` lets them act on every edition. 422 `SCOPE_NEEDS_ORGANIZER` for an account that is not an organizer.',
    errors: {
      404: ['DIVISION_NOT_FOUND', 'USER_NOT_FOUND'],
      409: ['CANNOT_CHANGE_OWN_ACCOUNT'],
      422: ['DIVISION_NOT_FOUND', 'SCOPE_NEEDS_ORGANIZER'],
    },
  },
  listTracks: {
    summary: 'Tracks of an edition',
    description: 'The tracks (赛道) of the edition: society (社会赛道) and university (高校赛道).',
    errors: { 404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION'] },
  },
  listDirections: {
    summary: 'Directions with their categories',
    description:
      'The directions (方向) with the categories (类别) of each; a project picks one direction and one category (R-CAT-1).',
    errors: { 404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION'] },
  },
  listFields: {
    summary: 'The industry fields, in order',
    description:
      'The industry fields (行业领域) of the edition, in their order; projects, topics and experts refer to them by code.',
    errors: { 404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION'] },
  },
  listTopics: {
    summary: 'Topics, optionally of one field',
    description: 'Topics of the edition in order, or of one industry field with `field` (its code).',
    errors: { 404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION'] },
  },
  listAwardCategories: {
    summary: 'Award categories per track, and the grades',
    description:
      'The award categories (奖项类别) available in each track and the grades (一等奖, 二等奖…) shared by all.',
    errors: { 404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION'] },
  },
});
