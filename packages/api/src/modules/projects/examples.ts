import { CREATE_PROJECT_EXAMPLE, PROJECT_EXAMPLE, TEAM_EXAMPLE, UPDATE_PROJECT_EXAMPLE } from '../../lib/examples.js';

/**
 * Examples of the organizers' project list, statistics, version comparison and project files, on
 * the 2024 Guangxi project of lib/examples.ts.
 */

const [PROPOSAL] = PROJECT_EXAMPLE.files;

export const PROJECT_FILE_EXAMPLE = {
  ...PROPOSAL,
  addedAt: '2024-08-10T16:05:00.000+08:00',
  removedAt: null,
};

export const LISTED_PROJECT_EXAMPLE = {
  id: PROJECT_EXAMPLE.id,
  title: PROJECT_EXAMPLE.title,
  teamId: TEAM_EXAMPLE.id,
  teamName: TEAM_EXAMPLE.name,
  leadUnitName: '广西数智科技有限公司',
  leadUnitType: 'enterprise',
  track: 'society',
  direction: PROJECT_EXAMPLE.direction,
  category: PROJECT_EXAMPLE.category,
  publicComponentKind: null,
  fieldCodes: ['transportation'],
  topics: PROJECT_EXAMPLE.topics,
  qualificationStatus: 'approved',
  status: 'submitted',
  latestVersion: 2,
  firstSubmittedAt: PROJECT_EXAMPLE.firstSubmittedAt,
  lastSubmittedAt: '2024-08-15T21:40:00.000+08:00',
  createdAt: PROJECT_EXAMPLE.createdAt,
};

export const COMPARISON_EXAMPLE = {
  from: 1,
  to: 2,
  changes: [
    {
      field: 'summary',
      from: CREATE_PROJECT_EXAMPLE.summary,
      to: UPDATE_PROJECT_EXAMPLE.summary,
    },
    {
      field: 'technology',
      from: { ...PROJECT_EXAMPLE.technology, dataSandbox: false },
      to: { ...PROJECT_EXAMPLE.technology, dataSandbox: true },
    },
  ],
};

export const STATISTICS_EXAMPLE = {
  edition: '2024-guangxi',
  scope: 'submitted',
  totals: { projects: 312, submitted: 268, drafts: 44 },
  byTrack: [
    { key: 'society', count: 187 },
    { key: 'university', count: 81 },
  ],
  byDirection: [
    { key: 'product_innovation', count: 164 },
    { key: 'modeling', count: 104 },
  ],
  byCategory: [
    { key: 'modeling', count: 104 },
    { key: 'data_product', count: 121 },
    { key: 'public_component', count: 43 },
  ],
  byField: [
    { key: 'transportation', count: 38 },
    { key: 'modern_agriculture', count: 35 },
    { key: 'culture_tourism', count: 29 },
    { key: 'healthcare', count: 27 },
  ],
  byUnitType: [
    { key: 'enterprise', count: 152 },
    { key: 'university', count: 81 },
    { key: 'research_institute', count: 21 },
    { key: 'public_institution', count: 14 },
  ],
  byDay: [
    { key: '2024-08-14', count: 37 },
    { key: '2024-08-15', count: 96 },
  ],
};
