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
  },
  listProjects: {
    summary: 'List projects with filters and search (organizers)',
  },
  exportProjects: {
    summary: 'Export the filtered list as CSV (UTF-8 with BOM) or XLSX (organizers)',
  },
  getProjectStatistics: {
    summary:
      'Counts for the dashboard: by track, direction, category, field, lead unit type and day of first submission',
  },
  getProject: {
    summary: 'One project (team members and admins; experts review blind through /assignments)',
  },
  updateProject: {
    summary:
      'Edit the working copy (R-TIME-1 during collection; R-TIME-3 after it: title and category locked, until the national final)',
  },
  submitProjectVersion: {
    summary: 'Submit: record the next immutable numbered version (R-TIME-1, R-TIME-3, R-TOPIC-1, R-PROJ-1)',
    description: `Reviews and public views read the submitted version only. ${teamPathNote('submit_version')}`,
  },
  listProjectVersions: {
    summary: 'Every submitted version',
  },
  compareProjectVersions: {
    summary: 'Field-by-field differences between two versions (organizers)',
  },
  getProjectVersion: {
    summary: 'One version',
  },
  uploadProjectFile: {
    summary:
      'Attach a file (multipart/form-data, one file): proposal PDF ≤50 MiB, slides PDF/PPTX ≤200 MiB, video MP4 ≤2 GiB, proof PDF/JPEG/PNG ≤50 MiB; type by content',
  },
  listProjectFiles: {
    summary: 'Files attached now (or ever, with includeRemoved)',
  },
  downloadProjectFile: {
    summary:
      'Download a file, streamed, with Range support (team members and admins; experts download through /assignments)',
  },
  deleteProjectFile: {
    summary: 'Detach a file (earlier versions keep it)',
  },
});
