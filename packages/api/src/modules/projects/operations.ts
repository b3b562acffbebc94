import { defineOperations } from '../../lib/http-schemas.js';
import { teamPathNote } from '../teams/schemas.js';

/** How the projects operations read in the OpenAPI document: operationId (the key), summary and description. */
export const operations = defineOperations({
  createProject: {
    summary: "Create the team's project as a draft (R-ALL-1: one per team; R-TIME-1: during collection; R-CAT-1)",
    description: `Only an approved team creates its project. ${teamPathNote('create_project')}`,
    errors: {
      403: ['NOT_PROJECT_TEAM_MEMBER'],
      404: ['PROJECT_NOT_FOUND', 'TEAM_NOT_FOUND'],
      409: ['PROJECT_EXISTS', 'TEAM_NOT_APPROVED'],
      422: [
        'CATEGORY_NOT_ALLOWED_FOR_TRACK',
        'COLLECTION_CLOSED',
        'COMPLETION_FLAG_ONLY_FOR_MODELING',
        'CROSS_FIELD_NEEDS_TWO_FIELDS',
        'PUBLIC_COMPONENT_KIND_REQUIRED',
        'TOPICS_NOT_IN_ONE_FIELD',
        'TOPIC_NOT_IN_EDITION',
      ],
    },
  },
  getTeamProject: {
    summary: "The team's project (members and admins)",
    description:
      'The working copy of the team’s project with its files and latest version. 404 before the project is created.',
    errors: { 403: ['NOT_PROJECT_TEAM_MEMBER'], 404: ['PROJECT_NOT_FOUND', 'TEAM_NOT_FOUND'] },
  },
  listProjects: {
    summary: 'List projects with filters and search (organizers)',
    description:
      'Projects of an edition, filtered by `track`, `direction`, `category`, `field` (codes), `topicId`, the team’s `qualificationStatus` and the project’s `status`, and searched by `q`, in keyset pages.',
    errors: { 400: ['INVALID_CURSOR'], 404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION'] },
  },
  exportProjects: {
    summary: 'Export the filtered list as CSV (UTF-8 with BOM) or XLSX (organizers)',
    description:
      'The same filters as the list: every matching project with labels in the request language, its team, units and contacts. `format=xlsx` for a workbook. The leaders’ mobile and e-mail are masked (138****0001) unless a `reason` is given by an organizer holding `personalData.view` (403 `PERSONAL_DATA_RIGHT_REQUIRED` otherwise); each leader whose contact goes out unmasked is logged in the personal-data access log.',
    errors: { 403: ['PERSONAL_DATA_RIGHT_REQUIRED'], 404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION'] },
  },
  getProjectStatistics: {
    summary:
      'Counts for the dashboard: by track, direction, category, field, lead unit type and day of first submission',
    description:
      'Counts of the edition’s projects (by default the submitted ones, `scope`) by track, direction, category, field, lead unit type and day of first submission.',
    errors: { 404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION'] },
  },
  getProject: {
    summary: 'One project (team members and admins; experts review blind through /assignments)',
    description:
      'The working copy with its files, latest version number, status and whether it may still be edited (`editable`).',
    errors: { 404: ['PROJECT_NOT_FOUND', 'TEAM_NOT_FOUND'] },
  },
  updateProject: {
    summary:
      'Edit the working copy (R-TIME-1 during collection; R-TIME-3 after it: title and category locked, until the national final)',
    description:
      'Saves the working copy without submitting; reviewers and the public never see it. After collection (R-TIME-3) the title and category are locked (422) and the rest may change until the national final.',
    errors: {
      403: ['NOT_PROJECT_TEAM_MEMBER'],
      404: ['PROJECT_NOT_FOUND', 'TEAM_NOT_FOUND'],
      422: ['CATEGORY_LOCKED', 'ITERATION_CLOSED', 'TITLE_LOCKED', 'TOPIC_NOT_IN_EDITION'],
    },
  },
  submitProjectVersion: {
    summary: 'Submit: record the next immutable numbered version (R-TIME-1, R-TIME-3, R-TOPIC-1, R-PROJ-1)',
    description: `Reviews and public views read the submitted version only. 409 \`PROJECT_VERSION_PINNED\` once the project is recommended to the national final (R-DIV-2): the national final reviews the version recommended. ${teamPathNote('submit_version')}`,
    errors: {
      403: ['NOT_PROJECT_TEAM_MEMBER'],
      404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION', 'PROJECT_NOT_FOUND', 'TEAM_NOT_FOUND'],
      409: ['PROJECT_VERSION_PINNED', 'TEAM_NOT_APPROVED'],
      422: [
        'BENEFIT_PROOF_REQUIRED',
        'CATEGORY_NOT_ALLOWED_FOR_TRACK',
        'CATEGORY_NOT_IN_DIRECTION',
        'COLLECTION_CLOSED',
        'COMPLETION_FLAG_ONLY_FOR_MODELING',
        'COMPLETION_NOT_DECLARED',
        'CROSS_FIELD_NEEDS_TWO_FIELDS',
        'DATA_SOURCES_REQUIRED',
        'ITERATION_CLOSED',
        'PROJECT_FIELD_REQUIRED',
        'PROPOSAL_FILE_REQUIRED',
        'PUBLIC_COMPONENT_KIND_NOT_APPLICABLE',
        'PUBLIC_COMPONENT_KIND_REQUIRED',
        'TOPICS_NOT_IN_ONE_FIELD',
        'TOPIC_REQUIRED',
      ],
    },
  },
  listProjectVersions: {
    summary: 'Every submitted version',
    description: 'Every submitted version, each an immutable snapshot with who submitted it and when.',
    errors: { 400: ['INVALID_CURSOR'], 404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION', 'PROJECT_NOT_FOUND'] },
  },
  compareProjectVersions: {
    summary: 'Field-by-field differences between two versions (organizers)',
    description: 'Each field that differs between version `from` and version `to`, with both values.',
    errors: { 404: ['PROJECT_NOT_FOUND', 'VERSION_NOT_FOUND'] },
  },
  getProjectVersion: {
    summary: 'One version',
    description: 'The snapshot of one submitted version, by its number (1, 2, …).',
    errors: { 404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION', 'PROJECT_NOT_FOUND', 'VERSION_NOT_FOUND'] },
  },
  uploadProjectFile: {
    summary:
      'Attach a file (multipart/form-data, one file): proposal PDF ≤50 MiB, slides PDF/PPTX ≤200 MiB, video MP4 ≤2 GiB, proof PDF/JPEG/PNG ≤50 MiB; type by content',
    description:
      'multipart/form-data with one file field, `kind` in the query. The type is detected from the content (magic bytes), not the name: 415 when it does not match the kind, 413 above its size. Streamed to storage.',
    errors: {
      400: ['FILE_MISSING', 'MULTIPART_MALFORMED'],
      403: ['NOT_PROJECT_TEAM_MEMBER'],
      404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION', 'PROJECT_NOT_FOUND', 'TEAM_NOT_FOUND'],
      413: ['FILE_TOO_LARGE'],
      415: ['FILE_TYPE_NOT_ALLOWED', 'MULTIPART_REQUIRED'],
    },
  },
  listProjectFiles: {
    summary: 'Files attached now (or ever, with includeRemoved)',
    description:
      'The files attached to the working copy; `includeRemoved=true` also lists detached ones that earlier versions keep.',
    errors: { 404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION', 'PROJECT_NOT_FOUND'] },
  },
  downloadProjectFile: {
    summary:
      'Download a file, streamed, with Range support (team members and admins; experts download through /assignments)',
    description:
      'Streams the stored file with its detected type; `Range` requests are answered 206 (416 when not satisfiable).',
    errors: {
      403: ['FORBIDDEN'],
      404: ['FILE_NOT_FOUND', 'PROJECT_FILE_NOT_FOUND', 'PROJECT_NOT_FOUND'],
      416: ['RANGE_NOT_SATISFIABLE'],
    },
  },
  deleteProjectFile: {
    summary: 'Detach a file (earlier versions keep it)',
    description:
      'Detaches the file from the working copy; versions submitted with it keep it. 422 once the project may no longer be edited.',
    errors: {
      403: ['NOT_PROJECT_TEAM_MEMBER'],
      404: ['PROJECT_FILE_NOT_FOUND', 'PROJECT_NOT_FOUND', 'TEAM_NOT_FOUND'],
    },
  },
});
