import type { zhCN } from './zh-CN';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** UI texts in English; the keys mirror zh-CN.ts (checked by the type). */
export const en: Shape<typeof zhCN> = {
  app: { title: 'Competition admin', subtitle: 'Data Elements × competition', language: '中文', logout: 'Log out', role: { admin: 'Organizer', expert: 'Expert', participant: 'Participant' } },
  common: {
    loaded: '{n} loaded', required: 'Required', save: 'Save', cancel: 'Cancel', confirm: 'OK', edit: 'Edit', delete: 'Delete', add: 'Add', search: 'Search', reset: 'Reset',
    actions: 'Actions', loading: 'Loading…', loadMore: 'Load more', noData: 'No data', saved: 'Saved', deleted: 'Deleted',
    yes: 'Yes', no: 'No', refresh: 'Refresh', networkError: 'Cannot reach the server: {detail}', unsavedKept: 'Saving failed; your changes are still in the form.',
    confirmDelete: 'Delete "{name}"?', total: '{n} in total', all: 'All', status: 'Status', detail: 'Detail', reason: 'Reason',
  },
  login: {
    title: 'Log in', email: 'Email or mobile', password: 'Password', submit: 'Log in', demo: "Demo accounts: admin{'@'}saishi.demo / Saishi{'@'}2024 (organizer), expert{'@'}saishi.demo / Saishi{'@'}2024 (expert)",
    emailRequired: 'Enter your email', passwordRequired: 'Enter your password', welcome: 'Welcome, {name}',
  },
  nav: {
    dashboard: 'Dashboard', settings: 'Edition settings', units: 'Units', qualification: 'Qualification', projects: 'Projects', experts: 'Experts',
    assignment: 'Assignment', scores: 'Scores & rankings', advancement: 'Advancement', awards: 'Awards', publish: 'Results library', ledger: 'Ledger',
    users: 'Accounts',
    myAssignments: 'My assignments',
  },
  dashboard: {
    events: 'Events', totals: '{projects} projects ({submitted} submitted, {drafts} drafts)', scopeSubmitted: 'Submitted', scopeAll: 'With drafts', edition: 'Current edition', currentStage: 'Current stage', nextStage: 'Next stage', betweenStages: 'Between stages', timeline: 'Timeline', timeZone: 'Time zone',
    tracks: 'Tracks', directions: 'Directions', fields: 'Fields', topics: 'Topics', stats: 'Statistics', byTrack: 'By track', byDirection: 'By direction',
    byField: 'By field', byUnitType: 'By unit type', perDay: 'Submissions per day', topicsPerField: 'Topics per field', now: 'Now', open: 'Open', closed: 'Not open',
  },
  settings: {
    stages: 'Stages', topics: 'Topics', awards: 'Award categories', stage: 'Stage', startsAt: 'Starts at', endsAt: 'Ends at', openEnded: 'No end',
    editStage: 'Change stage dates', stageSaved: 'Stage dates updated', field: 'Field', title: 'Title', description: 'Description', isExample: 'Example topic',
    sortOrder: 'Order', addTopic: 'Add topic', editTopic: 'Edit topic', topicSaved: 'Topic saved', grades: 'Grades', rank: 'Rank', category: 'Category',
    checkFailed: 'Check failed: {detail}', rubrics: 'Rubrics', quotas: 'Award quotas',
    noRound: 'This review round has not been created yet; create it on the Assignment screen.', rubricsLocked: 'The round has started: its rubrics can no longer change.',
  },
  experts: {
    password: 'Initial password', passwordHint: 'Optional; without it the account cannot log in yet', passwordTooShort: 'At least 8 characters', invite: 'Invite expert', name: 'Name', affiliation: 'Unit / university', affiliationType: 'Unit type', creditCode: 'Credit code', title: 'Title',
    conflicts: 'Conflicts', declare: 'Declare a conflict', conflictDeclared: 'Conflict recorded', kind: 'Kind', subject: 'Subject', subjectId: 'Subject id', declaredAt: 'Declared',
    kinds: { unit: 'Unit', team: 'Team', project: 'Project' },
  },
  unitType: { individual: 'Individuals', enterprise: 'Enterprise', public_institution: 'Public institution', research_institute: 'Research institute', university: 'University', investment_institution: 'Investment institution', other: 'Other' },
  ledger: {
    verify: 'Verify the chain', valid: 'The chain is intact', broken: 'The chain is broken', entries: 'Verified entries', headHash: 'Head hash', firstBroken: 'First broken link',
    seq: 'Seq', action: 'Action', subject: 'Subject', actor: 'Actor', at: 'At', payload: 'Payload', hash: 'Hash',
  },
  users: { search: 'Name, email or mobile', role: 'Role', email: 'Email', mobile: 'Mobile', createdAt: 'Registered', active: 'On', disabled: 'Off', confirmDisable: 'Disable the account of "{name}"? Its sessions are revoked.' },
  teams: {
    entrants: { individual: 'Individuals', units: 'Units' }, name: 'Team', track: 'Track', tracks: { society: 'Society', university: 'University' }, entrant: 'Entrant', pledge: 'Pledge', letter: 'Commitment letter', download: 'Download',
    flagged: 'Blacklist flag', flaggedOnly: 'Flagged only', units: 'Units', unitName: 'Unit', lead: 'Lead', blacklisted: 'Listed', members: 'Members', role: 'Role',
    roles: { leader: 'Leader', member: 'Member', advisor: 'Advisor' }, studentNumber: 'Student no.', studentId: 'Student ID', missing: 'Still missing', decide: 'Decide',
    decideN: 'Decide on {n} team(s)', decision: 'Decision', decisions: { approve: 'Approve', reject: 'Reject', return: 'Return' }, reasonRequired: 'A reason is required to reject or return',
    history: 'History', notes: 'Notes', addNote: 'Add note', search: 'Team name', bulk: 'Decide on selected ({n})', bulkOutcome: '{ok} of {n} done', leadUnit: 'Lead unit', updatedAt: 'Updated',
    status: { draft: 'Draft', submitted: 'Submitted', approved: 'Approved', rejected: 'Rejected', returned: 'Returned' },
  },
  review: {
    kinds: { preliminary: 'Preliminary', final: 'Final' }, status: { draft: 'Draft', open: 'Open', closed: 'Closed' }, noRound: 'This round has not been created yet',
    createRound: 'Create the round', expertsPerProject: 'Experts per project', normalize: 'Normalize per expert', openedAt: 'Opened', open: 'Open the round', close: 'Close the round',
    confirmClose: 'Close this round? Scores can no longer be submitted.', autoAssign: 'Assign automatically', autoDone: '{n} assignments made', autoSummary: '{created} new assignments over {projects} projects and {experts} experts',
    missing: '{n} expert(s) short', assignments: 'Assignments', projects: 'Projects ({n})', rubrics: 'Rubrics', advancedWith: 'Preliminary result', project: 'Project', expert: 'Expert',
    source: 'Source', sources: { auto: 'Auto', manual: 'Manual' }, score: 'Score', scoreStatus: { draft: 'Draft', submitted: 'Submitted' }, remove: 'Remove',
    reopen: 'Reopen', reopenReason: 'Why is this score reopened?', removeReason: 'Why is this expert removed?', addAssignment: 'Assign by hand', code: 'Code', nameZh: 'Chinese name', nameEn: 'English name', weight: 'Weight', maxScore: 'Max score',
    weightTotal: 'Weights total {n}', normalized: 'Normalized', noScores: 'No submitted scores yet', categories: { modeling: 'Modeling', data_product: 'Data product', public_component: 'Public component' },
    result: 'Result', median: 'Median', count: 'Scores', kept: 'Kept scores', trimmed: 'Trimmed', topK: 'Top K per group', threshold: 'Threshold', advance: 'Advance to the final',
    advanceNeedsClosed: 'Close the preliminary before advancing', advancedN: '{n} projects advanced to the final',
  },
  awards: {
    quotas: 'Quotas', category: 'Award', categories: { modeling_award: 'Modeling award', product_award: 'Product award', component_award: 'Component award' },
    grades: { first: 'First prize', second: 'Second prize', third: 'Third prize', honorable: 'Honorable mention' }, grade: 'Grade', allocate: 'Allocate from the final ranking', allocated: '{n} awards allocated',
    list: 'Awards ({n})', publish: 'Publish the results', confirmPublish: 'Once published the results appear in the public library. Publish?', published: 'Results published', publishedAt: 'Published {at}',
    notPublished: 'Not published', publicResults: 'Open the public results', shortlist: 'National shortlist', eligible: 'Eligible ({n})', excluded: 'Not eligible ({n})',
  },
  projects: {
    status: { draft: 'Draft', submitted: 'Submitted' }, lastSubmitted: 'Last submitted', dataSources: 'Data sources', files: 'Files', versions: 'Versions', submittedAt: 'Submitted at',
    fileType: 'Format', compare: 'Compare', noChanges: 'No differences', field: 'Field', fileName: 'File', size: 'Size', search: 'Project, team or unit', exportCsv: 'Export CSV', exportXlsx: 'Export Excel',
    sourceKinds: { public_catalog: 'Public data catalog', public_service: 'Public service data', own: 'Own data' }, fileKinds: { proposal: 'Proposal', slides: 'Slides', video: 'Video', proof: 'Proof' },
  },
  blacklist: {
    title: 'Credit China lists', units: 'Units', unitSearch: 'Unit name or credit code', addUnit: 'Register a unit', region: 'Region', choose: 'Choose a file (CSV/XLSX)', noFile: 'No file chosen',
    preview: 'Check rows', import: 'Import valid rows', confirmImport: 'Import {n} valid rows and flag the teams concerned?', imported: '{n} rows imported, {flagged} teams flagged',
    summary: '{total} rows: {valid} valid, {invalid} invalid; {affected} teams concerned', onlyInvalid: 'Invalid rows only', row: 'Row', listKind: 'List', sourceDate: 'Source date',
    valid: 'Valid', affects: '{n} team(s) concerned', entries: 'Imported entries', importedAt: 'Imported',
    columns: 'Columns: credit_code, name, list_kind, source_date (YYYY-MM-DD)',
    kinds: { dishonest_debtor: 'Dishonest debtor', major_tax_violation: 'Major tax violation', procurement_dishonesty: 'Procurement dishonesty' },
  },
  results: { exportPdf: 'Compilation (PDF)', none: 'No published results yet' },
  expert: { assignments: 'My assignments', none: 'No projects are assigned to you yet', round: 'Round', notScored: 'Not scored', declareConflict: 'Declare a conflict', blind: 'Blind review: no team, member or unit is shown.', version: 'Version', summary: 'Summary', criterionComment: 'Comment on this criterion (optional)', comment: 'Overall comment', saveDraft: 'Save draft', submit: 'Submit score', draftSaved: 'Draft saved', submitted: 'Score submitted', confirmSubmit: 'A submitted score cannot be changed (total {total}). Submit?', leaveUnsaved: 'Leave with unsaved scores?', submittedNote: 'Submitted; ask an organizer to reopen it if needed.' },
};
