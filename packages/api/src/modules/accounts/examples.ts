import { SESSION_EXAMPLE, USER_EXAMPLE } from '../../lib/examples.js';

/**
 * Examples of the account operations beyond lib/examples.ts (sign-up answer, password reset and
 * links, refresh and logout, corrections of one's own data), for the same team leader 李明.
 */

export const SIGN_UP_ACCEPTED_EXAMPLE = { channel: 'email', expiresAt: '2024-06-20T09:10:00.000+08:00' };

export const PASSWORD_RESET_BODY_EXAMPLE = { login: USER_EXAMPLE.email };

export const PASSWORD_RESET_ACCEPTED_EXAMPLE = { minutes: 30 };

export const SET_PASSWORD_BODY_EXAMPLE = {
  token: 'kX3vQ9bN2mR7tL0wZ5yH8cJ4dF6gS1aP-eU_oI9nVqE',
  password: 'Qingxiu-Mountain-0771',
};

export const REFRESH_BODY_EXAMPLE = { refreshToken: SESSION_EXAMPLE.refreshToken };

export const ME_UPDATE_BODY_EXAMPLE = { mobile: '13977100002' };

export const ME_CORRECTION_EXAMPLE = {
  user: USER_EXAMPLE,
  verification: { channel: 'sms', expiresAt: '2024-07-20T10:10:00.000+08:00' },
};

export const CONTACT_VERIFICATION_BODY_EXAMPLE = { code: '518204' };

export const USER_UPDATE_BODY_EXAMPLE = { role: 'expert' };
