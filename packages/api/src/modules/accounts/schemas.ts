import { Type } from 'typebox';
import { ROLES } from '@saishi/shared';
import { DateTime, Nullable, PageQuery, Uuid } from '../../lib/http-schemas.js';
import { LOGIN_EXAMPLE, SESSION_EXAMPLE, SIGN_UP_EXAMPLE, USER_EXAMPLE, VERIFY_EXAMPLE } from '../../lib/examples.js';
import { PASSWORD_MIN_LENGTH } from './password-policy.js';
import {
  CONTACT_VERIFICATION_BODY_EXAMPLE,
  ME_CORRECTION_EXAMPLE,
  ME_UPDATE_BODY_EXAMPLE,
  PASSWORD_RESET_ACCEPTED_EXAMPLE,
  PASSWORD_RESET_BODY_EXAMPLE,
  REFRESH_BODY_EXAMPLE,
  SET_PASSWORD_BODY_EXAMPLE,
  SIGN_UP_ACCEPTED_EXAMPLE,
  USER_UPDATE_BODY_EXAMPLE,
} from './examples.js';

export const RoleSchema = Type.Enum(ROLES);

export const User = Type.Object(
  {
    id: Uuid,
    email: Nullable(Type.String()),
    mobile: Nullable(Type.String()),
    displayName: Type.String(),
    role: RoleSchema,
    disabled: Type.Boolean(),
    createdAt: DateTime,
  },
  { examples: [USER_EXAMPLE] },
);

export const Session = Type.Object(
  {
    accessToken: Type.String({ description: 'Short-lived JWT (ACCESS_TOKEN_TTL) for `Authorization: Bearer`' }),
    refreshToken: Type.Optional(
      Type.String({
        description:
          'Opaque, single use: each refresh returns a new one; reusing an old one revokes the session. ' +
          'Absent for a browser session (`refreshTokenIn: cookie`), where it is an httpOnly cookie instead',
      }),
    ),
    csrfToken: Type.Optional(
      Type.String({
        description: 'Browser session only: send it as `X-CSRF-Token` to refresh and log out with the cookie',
      }),
    ),
    tokenType: Type.Literal('Bearer'),
    user: User,
  },
  { examples: [SESSION_EXAMPLE] },
);

export const CsrfToken = Type.Object(
  {
    csrfToken: Type.String({ description: 'Send it as `X-CSRF-Token` to refresh and log out with the session cookie' }),
  },
  { examples: [{ csrfToken: 'Zk3pQ9vT-b1XcR7mWn2Ls8Yd4HgJ0aEu.Qm5vN2xPLr8sT1wKc6Yh3Jd9FgB0eA4uZtR7iOnMlKs' }] },
);

const Mobile = Type.String({ pattern: '^1\\d{10}$', maxLength: 11, description: 'Mainland mobile number, 11 digits' });
const Password = Type.String({
  minLength: PASSWORD_MIN_LENGTH,
  maxLength: 128,
  description: 'At least 10 characters, not a common password, not the email or mobile number',
});

export const SignUpBody = Type.Object(
  {
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
    mobile: Type.Optional(Mobile),
    password: Password,
    displayName: Type.String({ minLength: 1, maxLength: 100 }),
    privacyNoticeId: Type.Optional(
      Type.String({
        format: 'uuid',
        description:
          'The privacy notice in force (GET /editions/current/privacy-notice) the person read and accepts: required',
      }),
    ),
  },
  { additionalProperties: false, examples: [SIGN_UP_EXAMPLE] },
);

export const LoginBody = Type.Object(
  {
    login: Type.String({ minLength: 3, maxLength: 254, description: 'Email or mobile number' }),
    password: Type.String({ minLength: 1, maxLength: 128 }),
    refreshTokenIn: Type.Optional(
      Type.Union([Type.Literal('body'), Type.Literal('cookie')], {
        default: 'body',
        description:
          '`cookie` for a browser: the refresh token is set as an httpOnly, SameSite=Strict cookie on the ' +
          'session routes instead of being answered, and a `csrfToken` comes with the answer',
      }),
    ),
  },
  { additionalProperties: false, examples: [LOGIN_EXAMPLE] },
);

export const RefreshBody = Type.Object(
  {
    refreshToken: Type.Optional(
      Type.String({
        minLength: 10,
        maxLength: 200,
        description: 'Omitted by a browser session: the cookie is used, with the `X-CSRF-Token` header',
      }),
    ),
  },
  { additionalProperties: false, examples: [REFRESH_BODY_EXAMPLE] },
);

/** How the list of accounts is ordered; each order pages with its own keyset. */
export const USER_SORTS = ['oldest', 'newest', 'name'] as const;
export const UserListQuery = Type.Object({
  ...PageQuery.properties,
  sort: Type.Enum(USER_SORTS, {
    default: 'oldest',
    description: '`oldest` or `newest` account first, or `name` (A→Z)',
  }),
  role: Type.Optional(RoleSchema),
  q: Type.Optional(Type.String({ maxLength: 100 })),
});

export const MeUpdateBody = Type.Object(
  {
    displayName: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description: 'Corrected at once, unless a team of mine is submitted for qualification or approved (409)',
      }),
    ),
    email: Type.Optional(
      Type.String({ format: 'email', maxLength: 254, description: 'Changes once the code sent to it is confirmed' }),
    ),
    mobile: Type.Optional(Mobile),
  },
  { additionalProperties: false, minProperties: 1, examples: [ME_UPDATE_BODY_EXAMPLE] },
);

export const MeCorrection = Type.Object(
  {
    user: User,
    verification: Nullable(
      Type.Object(
        {
          channel: Type.Union([Type.Literal('email'), Type.Literal('sms')], { description: 'Where the code was sent' }),
          expiresAt: DateTime,
        },
        { description: 'A new email or mobile waits for its code (POST /me/contact-verification); null otherwise' },
      ),
    ),
  },
  { examples: [ME_CORRECTION_EXAMPLE] },
);

export const ContactVerificationBody = Type.Object(
  {
    code: Type.String({
      minLength: 6,
      maxLength: 6,
      pattern: '^\\d{6}$',
      description: 'The 6-digit code sent to the new address',
    }),
  },
  { additionalProperties: false, examples: [CONTACT_VERIFICATION_BODY_EXAMPLE] },
);

export const UserUpdateBody = Type.Object(
  { role: Type.Optional(RoleSchema), disabled: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1, examples: [USER_UPDATE_BODY_EXAMPLE] },
);

export const VerifyBody = Type.Object(
  {
    login: Type.String({ minLength: 3, maxLength: 254, description: 'The email or mobile number signed up with' }),
    code: Type.String({ minLength: 6, maxLength: 6, pattern: '^\\d{6}$', description: 'The 6-digit code sent to it' }),
  },
  { additionalProperties: false, examples: [VERIFY_EXAMPLE] },
);

export const SignUpAccepted = Type.Object(
  {
    channel: Type.Union([Type.Literal('email'), Type.Literal('sms')], { description: 'Where the code was sent' }),
    expiresAt: DateTime,
  },
  { examples: [SIGN_UP_ACCEPTED_EXAMPLE] },
);

export const PasswordResetBody = Type.Object(
  { login: Type.String({ minLength: 3, maxLength: 254, description: 'The email or mobile number of the account' }) },
  { additionalProperties: false, examples: [PASSWORD_RESET_BODY_EXAMPLE] },
);

export const PasswordResetAccepted = Type.Object(
  {
    minutes: Type.Integer({ description: 'How long the link sent works, if the login is registered' }),
  },
  { examples: [PASSWORD_RESET_ACCEPTED_EXAMPLE] },
);

export const SetPasswordBody = Type.Object(
  {
    token: Type.String({ minLength: 20, maxLength: 100, description: 'The token of the link (reset or invitation)' }),
    password: Type.String({ minLength: 1, maxLength: 128 }),
  },
  { additionalProperties: false, examples: [SET_PASSWORD_BODY_EXAMPLE] },
);
