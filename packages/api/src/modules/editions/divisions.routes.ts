import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EditionParams, IdParams, problemResponses } from '../../lib/http-schemas.js';
import { createDivision, setOrganizerScope } from './divisions.js';
import { listDuplicateEntries } from './duplicates.js';
import { resolveEdition } from './resolve.js';
import { Division, DivisionBody, DuplicateEntryList, OrganizerScope, OrganizerScopeBody } from './schemas.js';
import { operations } from './operations.js';

/**
 * Platform organizers set up divisions and keep other organizers to one (division organizers may
 * not: lib/scope.ts); national organizers look for entries in two divisions.
 */
const divisionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const adminWrite = { tags: ['editions'], security: [{ bearerAuth: [] }] };

  app.post(
    '/divisions',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...adminWrite,
        ...operations.createDivision,
        body: DivisionBody,
        response: { 201: Division, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await createDivision(app.deps, request.body)),
  );

  app.put(
    '/users/:id/division',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...adminWrite,
        ...operations.setUserDivision,
        params: IdParams,
        body: OrganizerScopeBody,
        response: { 200: OrganizerScope, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => setOrganizerScope(app.deps, request.params.id, request.body, request.user),
  );

  app.get(
    '/editions/:edition/duplicate-entries',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...adminWrite,
        ...operations.listDuplicateEntries,
        params: EditionParams,
        response: { 200: DuplicateEntryList, ...problemResponses(401, 403, 404, 422) },
      },
    },
    async (request) => listDuplicateEntries(app.deps, await resolveEdition(app.deps.db, request.params.edition)),
  );
};

export default divisionRoutes;
