import jwt from '@fastify/jwt';
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
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
  }
}

async function verify(request: FastifyRequest): Promise<void> {
  if (!request.headers.authorization) throw new DomainError('UNAUTHORIZED', 401);
  try {
    await request.jwtVerify();
  } catch {
    throw new DomainError('TOKEN_INVALID', 401);
  }
}

/** Bearer access tokens (`@fastify/jwt`) and role guards for routes. */
export default fp<{ secret: string; accessTokenTtl: string }>(
  async (app, options) => {
    await app.register(jwt, { secret: options.secret, sign: { expiresIn: options.accessTokenTtl } });

    app.decorate('authenticate', async (request: FastifyRequest, _reply: FastifyReply) => verify(request));

    app.decorate('requireRole', (...roles: Role[]) => async (request: FastifyRequest, _reply: FastifyReply) => {
      await verify(request);
      if (!roles.includes(request.user.role)) throw new DomainError('FORBIDDEN', 403);
    });

    app.decorate('identifyIfPossible', async (request: FastifyRequest, _reply: FastifyReply) => {
      if (request.headers.authorization) await verify(request);
    });
  },
  { name: 'auth' },
);
