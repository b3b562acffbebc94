import { defineOperations } from '../../lib/http-schemas.js';

/** How the privacy operations read in the OpenAPI document: operationId (the key), summary and description. */
export const operations = defineOperations({
  getPrivacyNotice: {
    summary: 'The privacy notice in force (its latest version), shown before sign-up and before a student ID upload',
  },
  publishPrivacyNotice: {
    summary: 'Publish a new version of the privacy notice (organizers); everyone is asked to consent again',
  },
  listMyConsents: {
    summary: 'The consents I gave, with the notice version of each',
  },
  giveConsent: {
    summary: 'Consent to the privacy notice in force: `personal`, and `sensitive` before a student ID upload',
  },
});
