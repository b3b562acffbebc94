import { defineOperations } from '../../lib/http-schemas.js';

/** How the editions operations read in the OpenAPI document: operationId (the key), summary and description. */
export const operations = defineOperations({
  publishEdition: {
    summary: 'Publish a draft edition to entrants and the public',
  },
  archiveEdition: {
    summary: 'Archive a published edition (read-only)',
  },
  createTopic: {
    summary: 'Add a topic',
  },
  updateTopic: {
    summary: 'Change a topic',
  },
  deleteTopic: {
    summary: 'Remove a topic',
  },
  updateStage: {
    summary: 'Change the dates of a stage',
  },
  listDivisions: {
    summary: 'The divisions (分赛区) and the national competition',
  },
  listEditions: {
    summary: 'List editions (drafts only for organizers)',
  },
  getEdition: {
    summary: 'One edition (`current` for the current one)',
  },
  getTimeline: {
    summary: 'The timeline and the stage open now',
  },
  listEvents: {
    summary: 'Events such as the recommendation meeting',
  },
  createEdition: {
    summary: 'Create a draft edition from scratch (the standard tracks, directions, categories, awards and fields)',
  },
  cloneEdition: {
    summary: 'Open the next season: a draft copy of the edition, its dates moved to the new year',
    description:
      'Copies tracks, directions, categories, award categories and grades, fields and topics, stages and events ' +
      '(moved by the difference in years), review rounds with their rubrics (as drafts) and award quotas; ' +
      'never teams, units, projects or people.',
  },
  updateEdition: {
    summary: 'Change the settings of an edition',
  },
  replaceStageDates: {
    summary: 'Change the dates of several stages at once',
  },
  createEvent: {
    summary: 'Add an event',
  },
  updateEvent: {
    summary: 'Change an event',
  },
  deleteEvent: {
    summary: 'Remove an event',
  },
  createDivision: {
    summary: 'Add a division (分赛区) or the national competition',
  },
  setUserDivision: {
    summary: 'Keep an organizer to one division, or (`null`) let them act on every edition',
  },
  listTracks: {
    summary: 'Tracks of an edition',
  },
  listDirections: {
    summary: 'Directions with their categories',
  },
  listFields: {
    summary: 'The industry fields, in order',
  },
  listTopics: {
    summary: 'Topics, optionally of one field',
  },
  listAwardCategories: {
    summary: 'Award categories per track, and the grades',
  },
});
