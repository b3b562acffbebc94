import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ROLES } from '@saishi/shared';
import { DateTime, IdParams, Page, PageQuery, problemResponses } from '../../lib/http-schemas.js';
import * as accounts from './service.js';

export const RoleSchema = Type.Enum(ROLES);

export const User = Type.Object({
  id: Type.String({ format: 'uuid' }),
  email: Type.Union([Type.String(), Type.Null()]),
  mobile: Type.Union([Type.String(), Type.Null()]),
  displayName: Type.String(),
  role: RoleSchema,
  disabled: Type.Boolean(),
  createdAt: DateTime,
});

const Session = Type.Object({
  accessToken: Type.String({ description: 'Short-lived JWT (ACCESS_TOKEN_TTL) for `Authorization: Bearer`' }),
  refreshToken: Type.String({
    description: 'Opaque, single use: each refresh returns a new one; reusing an old one revokes the session',
  }),
  tokenType: Type.Literal('Bearer'),
  user: User,
});

const Mobile = Type.String({ pattern: '^1\\d{10}$', description: 'Mainland mobile number, 11 digits' });
const Password = Type.String({ minLength: 8, maxLength: 128 });
const RefreshBody = Type.Object(
  { refreshToken: Type.String({ minLength: 10, maxLength: 200 }) },
  { additionalProperties: false },
);

/**
 * Sign-up, login, token refresh and logout, the caller's profile, and organizers' user management.
 * Access tokens carry the role; a role change or a disabled account takes effect at the next
 * refresh (at most ACCESS_TOKEN_TTL later), and all the user's refresh tokens are revoked at once.
 */
const accountsRoutes: FastifyPluginAsyncTypebox<{ refreshTtlDays: number; authRateLimitMax: number }> = async (
  app,
  options,
) => {
  const settings: accounts.TokenSettings = {
    sign: (claims) => app.jwt.sign(claims),
    refreshTtlDays: options.refreshTtlDays,
  };
  const rateLimit = { max: options.authRateLimitMax, timeWindow: '1 minute' };

  app.post(
    '/auth/signup',
    {
      config: { rateLimit },
      schema: {
        tags: ['accounts'],
        summary: 'Create a participant account with an email or a mobile number, and log in',
        body: Type.Object(
          {
            email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
            mobile: Type.Optional(Mobile),
            password: Password,
            displayName: Type.String({ minLength: 1, maxLength: 100 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Session, ...problemResponses(400, 409, 429) },
      },
    },
    async (request, reply) => {
      const user = await accounts.createUser(app.db, request.body);
      return reply.code(201).send(await accounts.issueSession(app.db, user, app.clock.now(), settings));
    },
  );

  app.post(
    '/auth/login',
    {
      config: { rateLimit },
      schema: {
        tags: ['accounts'],
        summary: 'Log in with an email or a mobile number and the password',
        body: Type.Object(
          {
            login: Type.String({ minLength: 3, maxLength: 254, description: 'Email or mobile number' }),
            password: Type.String({ minLength: 1, maxLength: 128 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Session, ...problemResponses(400, 401, 403, 429) },
      },
    },
    async (request) => {
      const user = await accounts.authenticate(app.db, request.body.login, request.body.password);
      return accounts.issueSession(app.db, user, app.clock.now(), settings);
    },
  );

  app.post(
    '/auth/refresh',
    {
      config: { rateLimit: { max: options.authRateLimitMax * 6, timeWindow: '1 minute' } },
      schema: {
        tags: ['accounts'],
        summary: 'Exchange a refresh token for a new access token and a new refresh token',
        body: RefreshBody,
        response: { 200: Session, ...problemResponses(400, 401, 403, 429) },
      },
    },
    async (request) => accounts.refreshSession(app.db, request.body.refreshToken, app.clock.now(), settings),
  );

  app.post(
    '/auth/logout',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Revoke the session of the refresh token',
        body: RefreshBody,
        response: { 204: Type.Null(), ...problemResponses(400) },
      },
    },
    async (request, reply) => {
      await accounts.revokeFamily(app.db, request.body.refreshToken, app.clock.now());
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      onRequest: [app.authenticate],
      schema: {
        tags: ['accounts'],
        summary: 'The logged-in user',
        security: [{ bearerAuth: [] }],
        response: { 200: User, ...problemResponses(401, 404) },
      },
    },
    async (request) => accounts.presentUser(await accounts.findUser(app.db, request.user.sub)),
  );

  app.get(
    '/users',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        tags: ['accounts'],
        summary: 'List accounts (organizers)',
        security: [{ bearerAuth: [] }],
        querystring: Type.Object({
          ...PageQuery.properties,
          role: Type.Optional(RoleSchema),
          q: Type.Optional(Type.String({ maxLength: 100 })),
        }),
        response: { 200: Page(User), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => accounts.listUsers(app.db, request.query),
  );

  app.patch(
    '/users/:id',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        tags: ['accounts'],
        summary: 'Change the role of an account or disable it (revokes its sessions)',
        security: [{ bearerAuth: [] }],
        params: IdParams,
        body: Type.Object(
          { role: Type.Optional(RoleSchema), disabled: Type.Optional(Type.Boolean()) },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: User, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => accounts.updateUser(app.db, request.user.sub, request.params.id, request.body, app.clock.now()),
  );
};

export default accountsRoutes;
