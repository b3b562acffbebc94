import { defineOperations } from '../../lib/http-schemas.js';

/** How the privacy operations read in the OpenAPI document: operationId (the key), summary and description. */
export const operations = defineOperations({
  getPrivacyNotice: {
    summary: 'The privacy notice in force (its latest version), shown before sign-up and before a student ID upload',
    description:
      'The text and version of the notice; sign-up and a student ID upload ask for consent to this version. 404 `PRIVACY_NOTICE_NOT_FOUND` before any notice is published.',
    errors: { 404: ['PRIVACY_NOTICE_MISSING'] },
  },
  publishPrivacyNotice: {
    summary: 'Publish a new version of the privacy notice (organizers); everyone is asked to consent again',
    description:
      'Each publication is a new numbered version; consents given to an older version no longer count, so each person is asked again.',
    errors: {},
  },
  listMyConsents: {
    summary: 'The consents I gave, with the notice version of each',
    description: 'Which notice versions I consented to, the scope (`personal`, `sensitive`) and when.',
    errors: {},
  },
  giveConsent: {
    summary: 'Consent to the privacy notice in force: `personal`, and `sensitive` before a student ID upload',
    description:
      '`sensitive` (a student ID card is sensitive personal information) is needed before a student ID upload. 409 `PRIVACY_NOTICE_OUTDATED` when the version sent is not the one in force: reload the notice.',
    errors: { 404: ['PRIVACY_NOTICE_NOT_FOUND'], 409: ['PRIVACY_NOTICE_OUTDATED'] },
  },
  grantPersonalDataRight: {
    summary: 'Grant an organizer the right to unmask personal contacts, `personalData.view` (platform organizers)',
    description:
      'Without the right, organizers see mobiles and e-mails masked (138****0001) in lists and exports; with it they may reveal a contact or export contacts, each time with a reason that is logged. Only a platform organizer (no division scope) grants it (403 otherwise), and only to an organizer account (409 `PERSONAL_DATA_RIGHT_ORGANIZERS_ONLY`). Granting twice changes nothing.',
    errors: { 403: ['FORBIDDEN'], 404: ['USER_NOT_FOUND'], 409: ['PERSONAL_DATA_RIGHT_ORGANIZERS_ONLY'] },
  },
  revokePersonalDataRight: {
    summary: 'Revoke an organizer’s right to unmask personal contacts (platform organizers)',
    description:
      'From the next request on, the organizer sees contacts masked again. Revoking an absent right changes nothing.',
    errors: { 403: ['FORBIDDEN'] },
  },
  revealContact: {
    summary: 'A person’s e-mail and mobile unmasked, for a reason (organizers holding `personalData.view`)',
    description: 'Each reveal is logged in the personal-data access log: who, when, whose and why.',
    errors: { 403: ['PERSONAL_DATA_RIGHT_REQUIRED'], 404: ['USER_NOT_FOUND'] },
  },
  listPersonalDataAccess: {
    summary:
      'Who saw or exported whose unmasked personal information, when and why, newest first (platform organizers)',
    description:
      'One entry per person whose unmasked contact was revealed or exported, or who took a copy of their own data; filter by `subjectUserId` (whose) or `actorUserId` (who), in keyset pages.',
    errors: { 400: ['INVALID_CURSOR'], 403: ['FORBIDDEN'] },
  },
  getMyPersonalData: {
    summary: 'Everything held about me, as JSON (个人信息保护法 §45)',
    description:
      'My account, memberships, documents’ metadata, consents, notifications and their deliveries, the ledger entries naming me and the log of who accessed my personal information: every row of every table that references me. Taking the copy is logged.',
    errors: {},
  },
  downloadMyPersonalData: {
    summary: 'Everything held about me, as a ZIP archive with my files',
    description:
      '`personal-data.json` (the same as `GET /me/personal-data`) and under `files/` the files that are mine: my student ID images and what I uploaded. Taking the copy is logged.',
    errors: {},
  },
  deleteMe: {
    summary: 'Delete my personal information (个人信息保护法 §47)',
    description:
      'Erases or irreversibly anonymizes my name, e-mail, mobile, student numbers, student ID images (bytes included), expert profile (affiliation, title), the reasons I wrote for my conflicts of interest, notifications and sessions; my account id stays as a pseudonym that teams, scores and the ledger keep. 409 `PERSONAL_DATA_DELETION_REFUSED` while a team of mine is in qualification or review, `PERSONAL_DATA_DELETION_REFUSED_REVIEWING` while I am an expert assigned, in an edition not yet archived. Irreversible: I can no longer log in.',
    errors: {
      404: ['USER_NOT_FOUND'],
      409: ['PERSONAL_DATA_DELETION_REFUSED', 'PERSONAL_DATA_DELETION_REFUSED_REVIEWING'],
    },
  },
  getRetentionPolicy: {
    summary: 'How long the edition keeps personal information once its purpose is fulfilled (organizers)',
    description:
      'Days student ID images are kept after the team’s qualification decision or the results’ publication, and days the mobile number of a participant who left is kept after their editions closed; null keeps them. An edition that set nothing answers null periods.',
    errors: {},
  },
  setRetentionPolicy: {
    summary: 'Set the edition’s retention periods (organizers); a job deletes what is due',
    description:
      'Periods are whole days from 0 (at once) to 3650, or null (kept). The retention job applies them (every `RETENTION_EVERY_SECONDS`), records what it deleted in the ledger (`retention.applied`, counts only) and deletes the files from storage. See the dry run (`GET …/retention-policy/report`) first.',
    errors: {},
  },
  getRetentionReport: {
    summary: 'Dry run: what the retention job would delete now, counts per kind (organizers)',
    description:
      'Nothing is deleted: counts of student ID images and of mobile numbers that are due under the edition’s periods.',
    errors: { 404: ['EDITION_NOT_FOUND'] },
  },
});
