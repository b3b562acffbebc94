import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { notFound } from '../lib/errors.js';
import {
  assertEditionInScope,
  assertPlatformRoute,
  editionOfResource,
  organizerScope,
  type OrganizerScope,
} from '../lib/scope.js';
import { resolveEdition, type CurrentHints } from '../modules/editions/resolve.js';

/** The headers by which a client says which edition `current` is (see `CurrentHints`). */
export const EDITION_HEADER = 'saishi-edition';
export const DIVISION_HEADER = 'saishi-division';

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** What the client looks at; a division organizer who names nothing looks at their division. */
export function currentHints(request: FastifyRequest, scope: OrganizerScope = null): CurrentHints {
  const edition = header(request, EDITION_HEADER);
  const division = header(request, DIVISION_HEADER) ?? (edition ? undefined : scope?.divisionCode);
  return { edition, division };
}

/**
 * Whether the request comes from an organizer; public routes verify a token only when one is sent,
 * with the guards' verifier (`app.verifyBearer`: a token's verification is kept until it expires).
 * An invalid token on a public route is an anonymous request.
 */
function fromOrganizer(app: FastifyInstance, request: FastifyRequest): boolean {
  if (!request.user && request.headers.authorization) {
    try {
      app.verifyBearer(request);
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
      const organizer = fromOrganizer(app, request);
      const scope = organizer && request.user ? await organizerScope(app.db, request.user.sub) : null;
      const write = !['GET', 'HEAD', 'OPTIONS'].includes(request.method);
      if (scope) await checkRouteScope(request, scope, write);
      for (const container of [request.params, request.query, request.body]) {
        if (!isRecord(container) || typeof container.edition !== 'string') continue;
        const ref = container.edition;
        const edition = await resolveEdition(app.db, ref, currentHints(request, scope));
        if (edition.status === 'draft' && !organizer) throw notFound('EDITION_NOT_FOUND', { edition: ref });
        assertEditionInScope(scope, edition, write);
        container.edition = edition.id;
      }
    });

    /** A division organizer's request: platform routes refused, `:id` resources and unnamed lists kept to the scope. */
    async function checkRouteScope(request: FastifyRequest, scope: NonNullable<OrganizerScope>, write: boolean) {
      const segment = (request.routeOptions.url ?? '').replace(/^\/api\/v1\//, '').split('/')[0] ?? '';
      assertPlatformRoute(scope, segment, write);
      const params = request.params;
      if (isRecord(params) && typeof params.id === 'string') {
        const edition = await editionOfResource(app.db, segment, params.id);
        if (edition) assertEditionInScope(scope, edition, write);
      }
      // A list that may span editions (e.g. GET /teams without ?edition) is one of the scope's editions.
      const query = request.query;
      const querySchema = request.routeOptions.schema?.querystring as
        { properties?: Record<string, unknown> } | undefined;
      if (isRecord(query) && querySchema?.properties?.edition && query.edition === undefined) query.edition = 'current';
    }
  },
  { name: 'edition-scope', dependencies: ['auth', 'database'] },
);
