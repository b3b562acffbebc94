import { defineOperations } from '../../lib/http-schemas.js';

/** How the accounts operations read in the OpenAPI document: operationId (the key), summary and description. */
export const operations = defineOperations({
  requestPasswordReset: {
    summary: 'Forgot the password: a one-time link to choose a new one is sent to the email or mobile',
    description:
      'Answers 202 alike whether or not the login is registered, so that it reveals no account; a disabled or unconfirmed account gets nothing. The link works once, for 30 minutes, and replaces any earlier link of the account. Limited per client address and per login.',
    errors: { 429: ['ACCOUNT_LOCKED'] },
  },
  setPassword: {
    summary: 'Choose a password with the token of a reset or invitation link',
    description:
      'The token works once and until it expires; an unknown, used or expired one answers 400 `PASSWORD_LINK_INVALID`. The password follows the password policy (400 with the field). Every session of the account ends; log in with the new password.',
    errors: { 400: ['PASSWORD_LINK_INVALID', 'PASSWORD_SAME_AS_LOGIN', 'PASSWORD_TOO_COMMON', 'PASSWORD_TOO_SHORT'] },
  },
  login: {
    summary: 'Log in with an email or a mobile number and the password',
    description:
      'Answers an access token (a short-lived JWT for `Authorization: Bearer`) and a rotating refresh token, with the user. A wrong login or password answers 401 `INVALID_CREDENTIALS` without saying which; a disabled or unconfirmed account 403 (`ACCOUNT_DISABLED`, `ACCOUNT_NOT_VERIFIED`); repeated failures lock the login for a while (429 `ACCOUNT_LOCKED`, with Retry-After). With `refreshTokenIn: cookie` (the admin in a browser) the refresh token is set as an httpOnly, SameSite=Strict cookie sent only to the /auth routes instead of being answered, and the answer carries a `csrfToken` for refresh and logout.',
    errors: {
      401: ['INVALID_CREDENTIALS'],
      403: ['ACCOUNT_DISABLED', 'ACCOUNT_NOT_VERIFIED'],
      429: ['ACCOUNT_LOCKED'],
    },
  },
  getCsrfToken: {
    summary: 'A CSRF token for the browser session, to send as X-CSRF-Token',
    description:
      'A page loaded anew gets one here before it refreshes its session with the cookie. The secret it derives from is kept in a signed, httpOnly cookie of the /auth routes.',
    errors: {},
  },
  getMe: {
    summary: 'The logged-in user',
    description: 'The account of the access token: role, display name, email or mobile.',
    errors: { 404: ['USER_NOT_FOUND'] },
  },
  correctMe: {
    summary: 'Correct my name, email or mobile (个人信息保护法 §46)',
    description:
      'The name is corrected at once, unless a team of mine is submitted for qualification or approved in an edition not yet closed: 409 `PERSONAL_DATA_CORRECTION_REFUSED` naming the team (the organizers judged that roster). A new email or mobile is a login: a 6-digit code is sent to it and it changes once the code is confirmed (`POST /me/contact-verification`); one of them at a time (400 `CONTACT_CHANGE_ONE_AT_A_TIME`). The answer is the same whether or not another account holds the address. A student number is corrected on the team (`PATCH /teams/{id}/members/{userId}`). Each correction is recorded in the ledger (`personal_data.corrected`) by field name, never by value.',
    errors: {
      400: ['CONTACT_CHANGE_ONE_AT_A_TIME', 'DISPLAY_NAME_BLANK', 'MOBILE_INVALID'],
      404: ['USER_NOT_FOUND'],
      409: ['PERSONAL_DATA_CORRECTION_REFUSED'],
    },
  },
  confirmContactChange: {
    summary: 'Confirm my new email or mobile with the code sent to it',
    description:
      'The pending address becomes my login. A wrong or expired code, or nothing pending: 400 `VERIFICATION_CODE_INVALID`; too many wrong codes lock the check for a while (429). Another account took the address meanwhile: 409 `LOGIN_TAKEN`.',
    errors: { 400: ['VERIFICATION_CODE_INVALID'], 409: ['LOGIN_TAKEN'], 429: ['ACCOUNT_LOCKED'] },
  },

  listUsers: {
    summary: 'List accounts (organizers)',
    description:
      'Every account, filtered by `role` and searched by `q`, in the order of `sort`, in keyset pages (a cursor keeps to its order).',
    errors: { 400: ['INVALID_CURSOR'] },
  },
  updateUser: {
    summary: 'Change the role of an account or disable it (revokes its sessions)',
    description:
      'Changing the role or disabling an account revokes its sessions, so it must log in again. An organizer cannot change their own account (409 `CANNOT_CHANGE_OWN_ACCOUNT`).',
    errors: { 404: ['USER_NOT_FOUND'], 409: ['CANNOT_CHANGE_OWN_ACCOUNT'] },
  },
  refreshTokens: {
    summary: 'Exchange a refresh token for a new access token and a new refresh token',
    description:
      'Each refresh token is used once: the answer carries the next one. An unknown or expired token answers 401 `REFRESH_TOKEN_INVALID`, one used before 401 `REFRESH_TOKEN_REUSED`. A browser session sends `{}`: its cookie carries the token and the `X-CSRF-Token` header must match (403 `CSRF_TOKEN_INVALID`); the next token replaces the cookie.',
    errors: { 401: ['REFRESH_TOKEN_INVALID', 'REFRESH_TOKEN_REUSED'], 403: ['ACCOUNT_DISABLED', 'CSRF_TOKEN_INVALID'] },
  },
  logout: {
    summary: 'Revoke the session of the refresh token',
    description:
      'The refresh token can no longer be exchanged; access tokens already issued expire on their own. A browser session sends `{}` with its cookie and `X-CSRF-Token`; the cookie is cleared.',
    errors: { 403: ['CSRF_TOKEN_INVALID'] },
  },
  signUp: {
    summary: 'Sign up with an email or a mobile number: a code is sent there to confirm it',
    description:
      'Answers alike whether or not the login is already registered, so sign-up cannot be used to find accounts. The code expires at `expiresAt`; rate limited (429).',
    errors: {
      400: ['LOGIN_REQUIRED', 'PASSWORD_SAME_AS_LOGIN', 'PASSWORD_TOO_COMMON', 'PASSWORD_TOO_SHORT'],
      404: ['PRIVACY_NOTICE_NOT_FOUND'],
      409: ['PRIVACY_NOTICE_OUTDATED'],
      422: ['CONSENT_REQUIRED'],
      429: ['ACCOUNT_LOCKED'],
    },
  },
  verifySignUp: {
    summary: 'Confirm the sign-up code: the account becomes usable and is logged in',
    description:
      'Send the login and the code it received. A wrong or expired code answers 400 `VERIFICATION_CODE_INVALID`. Answers the tokens, as `login` does.',
    errors: { 400: ['VERIFICATION_CODE_INVALID'], 429: ['ACCOUNT_LOCKED'] },
  },
});
