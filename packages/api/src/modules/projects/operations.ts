import { defineOperations } from '../../lib/http-schemas.js';
import { teamPathNote } from '../teams/schemas.js';

/** How the projects operations read in the OpenAPI document: operationId (the key), summary and description. */
export const operations = defineOperations({
  createProject: {
    summary: "Create the team's project as a draft (R-ALL-1: one per team; R-TIME-1: during collection; R-CAT-1)",
    description: `Only an approved team creates its project. ${teamPathNote('create_project')}`,
  },
  getTeamProject: {
    summary: "The team's project (members and admins)",
    description:
      'The working copy of the team’s project with its files and latest version. 404 before the project is created.',
  },
  listProjects: {
    summary: 'List projects with filters and search (organizers)',
    description:
      'Projects of an edition, filtered by `track`, `direction`, `category`, `field` (codes), `topicId`, the team’s `qualificationStatus` and the project’s `status`, and searched by `q`, in keyset pages.',
  },
  exportProjects: {
    summary: 'Export the filtered list as CSV (UTF-8 with BOM) or XLSX (organizers)',
    description:
      'The same filters as the list: every matching project with labels in the request language, its team, units and contacts. `format=xlsx` for a workbook. The leaders’ mobile and e-mail are masked (138****0001) unless a `reason` is given by an organizer holding `personalData.view` (403 `PERSONAL_DATA_RIGHT_REQUIRED` otherwise); each leader whose contact goes out unmasked is logged in the personal-data access log.',
  },
  getProjectStatistics: {
    summary:
      'Counts for the dashboard: by track, direction, category, field, lead unit type and day of first submission',
    description:
      'Counts of the edition’s projects (by default the submitted ones, `scope`) by track, direction, category, field, lead unit type and day of first submission.',
  },
  getProject: {
    summary: 'One project (team members and admins; experts review blind through /assignments)',
    description:
      'The working copy with its files, latest version number, status and whether it may still be edited (`editable`).',
  },
  updateProject: {
    summary:
      'Edit the working copy (R-TIME-1 during collection; R-TIME-3 after it: title and category locked, until the national final)',
    description:
      'Saves the working copy without submitting; reviewers and the public never see it. After collection (R-TIME-3) the title and category are locked (422) and the rest may change until the national final.',
  },
  submitProjectVersion: {
    summary: 'Submit: record the next immutable numbered version (R-TIME-1, R-TIME-3, R-TOPIC-1, R-PROJ-1)',
    description: `Reviews and public views read the submitted version only. 409 \`PROJECT_VERSION_PINNED\` once the project is recommended to the national final (R-DIV-2): the national final reviews the version recommended. ${teamPathNote('submit_version')}`,
  },
  listProjectVersions: {
    summary: 'Every submitted version',
    description: 'Every submitted version, each an immutable snapshot with who submitted it and when.',
  },
  compareProjectVersions: {
    summary: 'Field-by-field differences between two versions (organizers)',
    description: 'Each field that differs between version `from` and version `to`, with both values.',
  },
  getProjectVersion: {
    summary: 'One version',
    description: 'The snapshot of one submitted version, by its number (1, 2, …).',
  },
  uploadProjectFile: {
    summary:
      'Attach a file (multipart/form-data, one file): proposal PDF ≤50 MiB, slides PDF/PPTX ≤200 MiB, video MP4 ≤2 GiB, proof PDF/JPEG/PNG ≤50 MiB; type by content',
    description:
      'multipart/form-data with one file field, `kind` in the query. The type is detected from the content (magic bytes), not the name: 415 when it does not match the kind, 413 above its size. Streamed to storage.',
  },
  listProjectFiles: {
    summary: 'Files attached now (or ever, with includeRemoved)',
    description:
      'The files attached to the working copy; `includeRemoved=true` also lists detached ones that earlier versions keep.',
  },
  downloadProjectFile: {
    summary:
      'Download a file, streamed, with Range support (team members and admins; experts download through /assignments)',
    description:
      'Streams the stored file with its detected type; `Range` requests are answered 206 (416 when not satisfiable).',
  },
  deleteProjectFile: {
    summary: 'Detach a file (earlier versions keep it)',
    description:
      'Detaches the file from the working copy; versions submitted with it keep it. 422 once the project may no longer be edited.',
  },
});
