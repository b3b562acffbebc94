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
    assignment: 'Assignment', scores: 'Scores & rankings', advancement: 'Advancement', awards: 'Awards', publish: 'Publish', ledger: 'Ledger',
    users: 'Accounts',
    myAssignments: 'My assignments',
  },
  dashboard: {
    edition: 'Current edition', currentStage: 'Current stage', nextStage: 'Next stage', betweenStages: 'Between stages', timeline: 'Timeline', timeZone: 'Time zone',
    tracks: 'Tracks', directions: 'Directions', fields: 'Fields', topics: 'Topics', stats: 'Statistics', byTrack: 'By track', byDirection: 'By direction',
    byField: 'By field', byUnitType: 'By unit type', perDay: 'Submissions per day', topicsPerField: 'Topics per field', now: 'Now', open: 'Open', closed: 'Not open',
  },
  settings: {
    stages: 'Stages', topics: 'Topics', awards: 'Award categories', stage: 'Stage', startsAt: 'Starts at', endsAt: 'Ends at', openEnded: 'No end',
    editStage: 'Change stage dates', stageSaved: 'Stage dates updated', field: 'Field', title: 'Title', description: 'Description', isExample: 'Example topic',
    sortOrder: 'Order', addTopic: 'Add topic', editTopic: 'Edit topic', topicSaved: 'Topic saved', grades: 'Grades', rank: 'Rank', category: 'Category',
    checkFailed: 'Check failed: {detail}',
  },
  experts: {
    invite: 'Invite expert', name: 'Name', affiliation: 'Unit / university', affiliationType: 'Unit type', creditCode: 'Credit code', title: 'Title',
    conflicts: 'Conflicts', declare: 'Declare a conflict', conflictDeclared: 'Conflict recorded', kind: 'Kind', subject: 'Subject', subjectId: 'Subject id', declaredAt: 'Declared',
    kinds: { unit: 'Unit', team: 'Team', project: 'Project' },
  },
  unitType: { enterprise: 'Enterprise', public_institution: 'Public institution', research_institute: 'Research institute', university: 'University', investment_institution: 'Investment institution', other: 'Other' },
  ledger: {
    verify: 'Verify the chain', valid: 'The chain is intact', broken: 'The chain is broken', entries: 'Verified entries', headHash: 'Head hash', firstBroken: 'First broken link',
    seq: 'Seq', action: 'Action', subject: 'Subject', actor: 'Actor', at: 'At', payload: 'Payload', hash: 'Hash',
  },
  users: { search: 'Name, email or mobile', role: 'Role', email: 'Email', mobile: 'Mobile', createdAt: 'Registered', active: 'On', disabled: 'Off', confirmDisable: 'Disable the account of "{name}"? Its sessions are revoked.' },
  teams: {
    name: 'Team', track: 'Track', tracks: { society: 'Society', university: 'University' }, entrant: 'Entrant', pledge: 'Pledge', letter: 'Commitment letter', download: 'Download',
    flagged: 'Blacklist flag', flaggedOnly: 'Flagged only', units: 'Units', unitName: 'Unit', lead: 'Lead', blacklisted: 'Listed', members: 'Members', role: 'Role',
    roles: { leader: 'Leader', member: 'Member', advisor: 'Advisor' }, studentNumber: 'Student no.', studentId: 'Student ID', missing: 'Still missing', decide: 'Decide',
    decideN: 'Decide on {n} team(s)', decision: 'Decision', decisions: { approve: 'Approve', reject: 'Reject', return: 'Return' }, reasonRequired: 'A reason is required to reject or return',
    history: 'History', notes: 'Notes', addNote: 'Add note', search: 'Team name', bulk: 'Decide on selected ({n})', bulkOutcome: '{ok} of {n} done', leadUnit: 'Lead unit', updatedAt: 'Updated',
    status: { draft: 'Draft', submitted: 'Submitted', approved: 'Approved', rejected: 'Rejected', returned: 'Returned' },
  },
  expert: { assignments: 'My assignments', none: 'No projects are assigned to you yet' },
};
