import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { notFound } from '../lib/errors.js';
import { resolveEdition, type CurrentHints } from '../modules/editions/resolve.js';

/** The headers by which a client says which edition `current` is (see `CurrentHints`). */
export const EDITION_HEADER = 'saishi-edition';
export const DIVISION_HEADER = 'saishi-division';

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

export function currentHints(request: FastifyRequest): CurrentHints {
  return { edition: header(request, EDITION_HEADER), division: header(request, DIVISION_HEADER) };
}

/** Whether the request comes from an organizer; public routes verify a token only when one is sent. */
async function fromOrganizer(request: FastifyRequest): Promise<boolean> {
  if (!request.user && request.headers.authorization) {
    try {
      await request.jwtVerify();
    } catch {
      return false;
    }
  }
  return request.user?.role === 'admin';
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * Resolves the edition a request names once, before its handler: `edition` in the path, the query
 * or the JSON body (`current`, a code or an id) becomes the edition's id, so that every use case
 * sees the same edition. A draft is visible to organizers only; to anyone else it does not exist.
 */
export default fp(
  async (app) => {
    app.addHook('preHandler', async (request) => {
      for (const container of [request.params, request.query, request.body]) {
        if (!isRecord(container) || typeof container.edition !== 'string') continue;
        const ref = container.edition;
        const edition = await resolveEdition(app.db, ref, currentHints(request));
        if (edition.status === 'draft' && !(await fromOrganizer(request)))
          throw notFound('EDITION_NOT_FOUND', { edition: ref });
        container.edition = edition.id;
      }
    });
  },
  { name: 'edition-scope', dependencies: ['auth', 'database'] },
);
