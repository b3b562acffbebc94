import jwt from '@fastify/jwt';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { Role } from '@saishi/shared';
import type { Actor } from '../lib/deps.js';
import { DomainError } from '../lib/errors.js';

/** An access token carries the actor: `request.user` is the `Actor` every use case takes. */
declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: Actor;
    user: Actor;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest hook: requires a valid access token and sets `request.user`. */
    authenticate: onRequestAsyncHookHandler;
    /** onRequest hook: requires a valid access token of one of the roles. */
    requireRole(...roles: Role[]): onRequestAsyncHookHandler;
    /** onRequest hook: sets `request.user` when a valid token is sent, and lets anonymous requests through. */
    identifyIfPossible: onRequestAsyncHookHandler;
    /** Sets `request.user` from the request's bearer token, or throws 401 (`UNAUTHORIZED`, `TOKEN_INVALID`). */
    verifyBearer(request: FastifyRequest): void;
  }
}

/** The claims every access token carries and every verification demands. */
export const JWT_ALGORITHM = 'HS256';
export const JWT_ISSUER = 'saishi';
export const JWT_AUDIENCE = 'saishi-api';

/**
 * How a guard hook lets a request in, read by the OpenAPI plugin to document each route's
 * `security` and its 401/403 answers from the hooks it really runs.
 */
export type AuthRequirement = 'token' | 'role' | 'optional';
export const AUTH_REQUIREMENT = Symbol('authRequirement');
const AUTH_ROLES = Symbol('authRoles');
type MarkedHook = onRequestAsyncHookHandler & { [AUTH_REQUIREMENT]?: AuthRequirement; [AUTH_ROLES]?: Role[] };

function mark(
  hook: onRequestAsyncHookHandler,
  requirement: AuthRequirement,
  roles?: Role[],
): onRequestAsyncHookHandler {
  (hook as MarkedHook)[AUTH_REQUIREMENT] = requirement;
  if (roles) (hook as MarkedHook)[AUTH_ROLES] = roles;
  return hook;
}

/** The roles a route's role guards let in (empty without a role guard), for the document. */
export function authRolesOf(hooks: unknown): Role[] {
  const list = (Array.isArray(hooks) ? hooks : [hooks]) as (MarkedHook | undefined)[];
  return [...new Set(list.flatMap((hook) => hook?.[AUTH_ROLES] ?? []))];
}

/** The strongest requirement among a route's onRequest hooks, or undefined for a public route. */
export function authRequirementOf(hooks: unknown): AuthRequirement | undefined {
  const list = (Array.isArray(hooks) ? hooks : [hooks]) as (MarkedHook | undefined)[];
  const found = new Set(list.map((hook) => hook?.[AUTH_REQUIREMENT]).filter(Boolean));
  if (found.has('role')) return 'role';
  if (found.has('token')) return 'token';
  return found.has('optional') ? 'optional' : undefined;
}

const BEARER = /^Bearer\s/i;

/**
 * Verifies the request's bearer token with the plugin's one verifier (`app.jwt.verify`, the same
 * checks as `request.jwtVerify()`) and sets `request.user`: without decoding the token twice and
 * merging the verify options again on every request, which cost more than the signature itself.
 */
function verifier(app: FastifyInstance) {
  return (request: FastifyRequest): void => {
    const header = request.headers.authorization;
    if (!header) throw new DomainError('UNAUTHORIZED', 401);
    // As @fastify/jwt reads it: `Bearer <token>`, one space, or the token is invalid.
    const parts = BEARER.test(header) ? header.split(' ') : [];
    if (parts.length !== 2 || !parts[1]) throw new DomainError('TOKEN_INVALID', 401);
    try {
      request.user = app.jwt.verify<Actor>(parts[1]);
    } catch {
      throw new DomainError('TOKEN_INVALID', 401);
    }
  };
}

/** Bearer access tokens (`@fastify/jwt`) and role guards for routes. */
export default fp<{ secret: string; accessTokenTtl: string }>(
  async (app, options) => {
    await app.register(jwt, {
      secret: options.secret,
      sign: { algorithm: JWT_ALGORITHM, iss: JWT_ISSUER, aud: JWT_AUDIENCE, expiresIn: options.accessTokenTtl },
      // Only HS256 (no `none`, no algorithm switching), and only tokens this API issued for itself,
      // with an expiry: a token without `exp` would otherwise never expire.
      verify: {
        algorithms: [JWT_ALGORITHM],
        allowedIss: JWT_ISSUER,
        allowedAud: JWT_AUDIENCE,
        requiredClaims: ['exp', 'iss', 'aud', 'sub'],
        // A client sends the same token with every request until it expires: its verification is
        // kept (fast-jwt's LRU, by a hash of the token, never past its `exp`), not redone each time.
        cache: true,
      },
    });

    const verify = verifier(app);
    app.decorate('verifyBearer', verify);
    app.decorate(
      'authenticate',
      mark(async (request: FastifyRequest, _reply: FastifyReply) => verify(request), 'token'),
    );

    app.decorate('requireRole', (...roles: Role[]) =>
      mark(
        async (request: FastifyRequest, _reply: FastifyReply) => {
          verify(request);
          if (!roles.includes(request.user.role)) throw new DomainError('FORBIDDEN', 403);
        },
        'role',
        roles,
      ),
    );

    app.decorate(
      'identifyIfPossible',
      mark(async (request: FastifyRequest, _reply: FastifyReply) => {
        if (request.headers.authorization) verify(request);
      }, 'optional'),
    );
  },
  { name: 'auth' },
);
