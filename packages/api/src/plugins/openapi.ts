import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifySchema } from 'fastify';
import fp from 'fastify-plugin';
import { Problem } from '../lib/http-schemas.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every registered route with whether it is hidden from the document, so tests can check the document is complete. */
    routeRegistry: { method: string; url: string; hidden: boolean }[];
  }
}

/** What an upload route reads from its multipart body, for the document only. */
const MULTIPART_FILE_BODY = {
  type: 'object',
  required: ['file'],
  properties: {
    file: { type: 'string', format: 'binary', description: 'The file; its type is checked by content (magic bytes)' },
  },
};

/**
 * Upload routes read their multipart body as a stream (`request.file()`), so they declare no body
 * schema for validation; the document still needs one to tell integrators what to send.
 */
function documentMultipartBody(schema: FastifySchema): FastifySchema {
  // A route without a schema gets here with none, whatever the type says.
  if (!schema?.consumes?.includes('multipart/form-data') || schema.body) return schema;
  return { ...schema, body: MULTIPART_FILE_BODY };
}

/** OpenAPI 3.1 generated from the routes' TypeBox schemas, at /openapi.json, with a reference UI at /docs. */
export default fp(
  async (app) => {
    app.addSchema(Problem);
    const routeRegistry: FastifyInstance['routeRegistry'] = [];
    app.decorate('routeRegistry', routeRegistry);
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) {
        routeRegistry.push({
          method,
          url: route.url,
          hidden: Boolean(route.schema?.hide),
        });
      }
    });
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Saishi API',
          version: '1.0.0',
          description:
            'The API of Saishi (赛事), the platform of the "数据要素×" competition. Errors are application/problem+json (RFC 9457) with a stable `code` and, where one applies, the SPEC rule id; messages are zh-CN by default and English with `Accept-Language: en`.',
        },
        servers: [{ url: '/' }],
        components: {
          securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
        },
        tags: [
          { name: 'system', description: 'Health and readiness' },
          { name: 'editions', description: 'Editions, tracks, directions, fields, topics, stages (public)' },
          {
            name: 'experts',
            description: 'The expert committee: invitations, affiliations, fields, declared conflicts',
          },
          {
            name: 'review',
            description: 'Review rounds, rubrics, conflict-free assignments, blind scoring, ranking, advancement',
          },
          { name: 'awards', description: 'Award quotas, allocation, publication, national shortlist (R-PROJ-1)' },
          { name: 'results', description: 'The public results library (项目成果库) and compilation (成果汇编)' },
          { name: 'ledger', description: 'The hash-chained audit ledger of review decisions' },
          { name: 'accounts', description: 'Sign-up, login, tokens, the current user, user management' },
          {
            name: 'projects',
            description:
              "Projects (参赛作品): one per team, immutable versions, files, organizers' list, export and statistics",
          },
          {
            name: 'teams',
            description: 'Units, blacklists, teams, members, invites, uploads and qualification review (SPEC §4)',
          },
        ],
      },
      transform: ({ schema, url }) => ({ schema: documentMultipartBody(schema), url }),
      refResolver: {
        buildLocalReference: (json, _baseUri, _fragment, index) =>
          typeof json.$id === 'string' ? json.$id : `def-${index}`,
      },
    });
    // No validator badge: it would send the document to validator.swagger.io (and the CSP forbids it).
    await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { validatorUrl: null } });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'openapi' },
);
