import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifySchema, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { Role } from '@saishi/shared';
import { problemResponses, SHARED_SCHEMAS, STATUS_DESCRIPTIONS } from '../lib/http-schemas.js';
import {
  problemAnswer,
  problemCodesOf,
  TRANSPORT_CODES,
  type OperationErrors,
  type ProblemCodes,
} from '../lib/problem-codes.js';
import { webhooksDocument } from '../modules/webhooks/document.js';
import { WEBHOOK_EVENT_SCHEMAS } from '../modules/webhooks/schemas.js';
import { authRequirementOf, authRolesOf, type AuthRequirement } from './auth.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The problem codes the route documents, by status, when its operation declares its errors. */
    problemCodes?: ProblemCodes;
  }
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

/** What each guard means for the document: the security requirement and the answers it adds. */
const SECURITY: Record<AuthRequirement | 'public', { security: Record<string, string[]>[]; statuses: number[] }> = {
  public: { security: [], statuses: [] },
  // An optional token: anonymous callers are served, a sent token must be valid.
  optional: { security: [{}, { bearerAuth: [] }], statuses: [401] },
  token: { security: [{ bearerAuth: [] }], statuses: [401] },
  role: { security: [{ bearerAuth: [] }], statuses: [401, 403] },
};

type JsonObject = { type?: string; additionalProperties?: unknown; [key: string]: unknown };

/** Who each role is, for the sentence that says who may call an operation. */
const ROLE_WORDS: Record<Role, string> = {
  admin: 'organizers (`admin`)',
  expert: 'experts (`expert`)',
  participant: 'participants (`participant`)',
};

/** The sentence of an operation's description that says who may call it, from its guard. */
function accessSentence(route: RouteOptions, requirement: AuthRequirement | 'public'): string {
  switch (requirement) {
    case 'public':
      return '**Access:** public; no token needed.';
    case 'optional':
      return '**Access:** public; a Bearer access token is optional and, when sent, must be valid.';
    case 'token':
      return '**Access:** any signed-in user (Bearer access token).';
    case 'role':
      return `**Access:** ${authRolesOf(route.onRequest)
        .map((role) => ROLE_WORDS[role])
        .join(', ')} (Bearer access token); other roles get 403.`;
  }
}

/** Schemas already completed: Fastify calls onRoute again for the HEAD twin of a GET, with the same schema. */
const completed = new WeakSet<object>();

/**
 * Completes a documented route from what it really does, so no route can forget it:
 * - `security` from its guard hooks (public routes say `security: []`), with the 401/403 they answer;
 * - a strict query string: an unknown parameter is refused with 400 naming it, never ignored;
 * - the 400 problem every route may answer (a bad parameter, body or query string).
 */
function completeRoute(route: RouteOptions): void {
  const schema = route.schema;
  if (!schema || schema.hide || completed.has(schema)) return;
  completed.add(schema);
  const requirement = authRequirementOf(route.onRequest) ?? 'public';
  const { security, statuses } = SECURITY[requirement];
  schema.security ??= security;
  schema.description = [schema.description, accessSentence(route, requirement)].filter(Boolean).join('\n\n');
  const querystring = (schema.querystring ?? { type: 'object', properties: {} }) as JsonObject;
  if (querystring.type === 'object' && querystring.additionalProperties === undefined)
    schema.querystring = { ...querystring, additionalProperties: false };
  const response = (schema.response ?? {}) as Record<string, unknown>;
  // A route that needs the database answers 503 while it is unavailable (plugins/database.ts).
  const unavailable = route.config?.withoutDatabase ? [] : [503];
  const missing = [400, ...statuses, ...unavailable].filter(
    (status) => !(status in response) && !(String(status) in response),
  );
  schema.response = { ...response, ...problemResponses(...missing) };
  const { errors } = schema as { errors?: OperationErrors };
  delete (schema as { errors?: OperationErrors }).errors;
  // Every documented operation says which codes it answers: none falls back to "any code".
  if (!errors) throw new Error(`${schema.operationId ?? route.url}: declares no errors (its module's operations.ts)`);
  documentProblemCodes(route, requirement, errors);
}

/**
 * An operation that declares its errors documents each problem answer with the codes it may carry
 * (its own and its plumbing's), and keeps them in its config for the error handler's check. A
 * problem status the route documents but no code explains is a mistake, refused at start-up.
 */
function documentProblemCodes(
  route: RouteOptions,
  requirement: AuthRequirement | 'public',
  errors: OperationErrors,
): void {
  const schema = route.schema!;
  const response = schema.response as Record<string, unknown>;
  const codes = problemCodesOf({ method: route.method, url: route.url, schema, requirement }, errors);
  if (route.config?.withoutDatabase) delete codes[503];
  for (const status of Object.keys(response).map(Number)) {
    if (status < 400) continue;
    if (!codes[status] && TRANSPORT_CODES[status]) codes[status] = [...TRANSPORT_CODES[status]];
    if (!codes[status]) throw new Error(`${schema.operationId}: documents ${status} but declares no code for it`);
  }
  for (const [status, list] of Object.entries(codes))
    response[status] = problemAnswer(STATUS_DESCRIPTIONS[Number(status)] ?? 'Error', list);
  route.config = { ...route.config, problemCodes: codes };
}

/** Default words for a response its route does not describe (instead of "Default Response"). */
const RESPONSE_DESCRIPTIONS: Record<string, string> = {
  200: 'Done; the resource as it is now',
  201: 'Created; the new resource',
  202: 'Accepted; the work goes on in the background',
  204: 'Done; no content',
  206: 'The requested range of the file',
  304: 'Not modified since the cached copy (ETag)',
};

interface OpenApiOperation {
  parameters?: { in: string; required?: boolean; schema?: { default?: unknown } }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { description?: string }>;
}

interface JsonSchema {
  required?: string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  default?: unknown;
}

/**
 * A body property with a default may be left out (the validator fills it in), so the document
 * must not list it as required: generated clients would force callers to send it.
 */
function leaveDefaultsOptional(schema: JsonSchema | undefined): void {
  if (!schema) return;
  const properties = schema.properties ?? {};
  if (schema.required) {
    schema.required = schema.required.filter((name) => properties[name]?.default === undefined);
    if (schema.required.length === 0) delete schema.required;
  }
  for (const property of Object.values(properties)) leaveDefaultsOptional(property);
  leaveDefaultsOptional(schema.items);
}

/** Document-only fixes of what @fastify/swagger derives from the route schemas. */
function polishDocument(document: { paths?: Record<string, Record<string, OpenApiOperation>> }) {
  for (const operations of Object.values(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(operations)) {
      // A query parameter with a default may be left out: clients must not be forced to send it.
      for (const parameter of operation.parameters ?? [])
        if (parameter.in === 'query' && parameter.schema?.default !== undefined) parameter.required = false;
      for (const media of Object.values(operation.requestBody?.content ?? {})) leaveDefaultsOptional(media.schema);
      for (const [status, response] of Object.entries(operation.responses ?? {}))
        if (response.description === 'Default Response')
          response.description =
            method === 'get' && status === '200' ? 'The requested data' : (RESPONSE_DESCRIPTIONS[status] ?? 'Success');
    }
  }
  return document;
}

/** The groups of operations in the reference, in its order. */
const TAGS = [
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
  { name: 'jobs', description: 'Background jobs (pg-boss): their state, counts per queue, retrying a failed one' },
  {
    name: 'notifications',
    description: 'Each person’s inbox of notifications, their language and channels, and unsubscribing',
  },
  { name: 'announcements', description: 'Announcements of an edition (通知公告): public once published' },
  {
    name: 'webhooks',
    description:
      'Endpoints of integrators that receive signed events of an edition (see `webhooks`), their delivery logs, redelivery',
  },
  { name: 'accounts', description: 'Sign-up, login, tokens, the current user, user management' },
  {
    name: 'privacy',
    description: 'The privacy notice, consents, access to and deletion of personal information (个人信息保护法)',
  },
  {
    name: 'projects',
    description:
      "Projects (参赛作品): one per team, immutable versions, files, organizers' list, export and statistics",
  },
  {
    name: 'progress',
    description: "The organizers' to-dos and how far review has come, per round and per expert",
  },
  {
    name: 'teams',
    description: 'Units, blacklists, teams, members, invites, uploads and qualification review (SPEC §4)',
  },
];

/** OpenAPI 3.1 generated from the routes' TypeBox schemas, at /openapi.json, with a reference UI at /docs. */
export default fp(
  async (app) => {
    for (const schema of [...SHARED_SCHEMAS, ...WEBHOOK_EVENT_SCHEMAS]) app.addSchema(schema);
    const routeRegistry: FastifyInstance['routeRegistry'] = [];
    app.decorate('routeRegistry', routeRegistry);
    app.addHook('onRoute', (route) => {
      completeRoute(route);
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
          license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
          description:
            'The API of Saishi (赛事), the platform of the "数据要素×" competition. Errors are application/problem+json (RFC 9457) with a stable `code` and, where one applies, the SPEC rule id; messages are zh-CN by default and English with `Accept-Language: en`.',
        },
        servers: [{ url: '/' }],
        components: {
          securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
        },
        tags: TAGS,
        webhooks: webhooksDocument(),
      },
      transform: ({ schema, url }) => ({ schema: documentMultipartBody(schema), url }),
      transformObject: (documentObject) =>
        'openapiObject' in documentObject
          ? polishDocument(documentObject.openapiObject as Parameters<typeof polishDocument>[0])
          : documentObject.swaggerObject,
      refResolver: {
        buildLocalReference: (json, _baseUri, _fragment, index) =>
          typeof json.$id === 'string' ? json.$id : `def-${index}`,
      },
    });
    // No validator badge: it would send the document to validator.swagger.io (and the CSP forbids it).
    await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { validatorUrl: null } });
    // The document needs no database: served (and dumped by scripts/dump-openapi.ts) even while
    // the database does not answer its health check, e.g. on a machine too busy to answer in time.
    app.get('/openapi.json', { schema: { hide: true }, config: { withoutDatabase: true } }, async () => app.swagger());
  },
  { name: 'openapi' },
);
