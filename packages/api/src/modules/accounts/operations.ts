import { defineOperations } from '../../lib/http-schemas.js';

/** How the accounts operations read in the OpenAPI document: operationId (the key), summary and description. */
export const operations = defineOperations({
  login: {
    summary: 'Log in with an email or a mobile number and the password',
  },
  getMe: {
    summary: 'The logged-in user',
  },
  listUsers: {
    summary: 'List accounts (organizers)',
  },
  updateUser: {
    summary: 'Change the role of an account or disable it (revokes its sessions)',
  },
  refreshTokens: {
    summary: 'Exchange a refresh token for a new access token and a new refresh token',
  },
  logout: {
    summary: 'Revoke the session of the refresh token',
  },
  signUp: {
    summary: 'Sign up with an email or a mobile number: a code is sent there to confirm it',
    description: 'Answers alike whether or not the login is already registered.',
  },
  verifySignUp: {
    summary: 'Confirm the sign-up code: the account becomes usable and is logged in',
  },
});
