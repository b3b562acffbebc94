import type { IncomingMessage, ServerResponse } from 'node:http';
import fp from 'fastify-plugin';
import helmet from 'helmet';

/** HSTS for a year, subdomains included, once the site is reached over TLS. */
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * The pages this server sends (the admin under /admin/, the reference UI under /docs): helmet's
 * headers, with a CSP that allows what they load from this origin only: scripts and styles from
 * files (styles may also be inline, as Element Plus and Swagger UI set them), images and fonts also
 * as data: URLs. Nothing may frame them.
 */
const documentHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      baseUri: ["'self'"],
      scriptSrc: ["'self'"],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  strictTransportSecurity: false,
});

/**
 * Everything else (JSON, problems, stored files, exports) is no page: the headers OWASP's REST
 * security cheat sheet asks of an API. Nothing in an answer may run, load or be framed
 * (`default-src 'none'`, stricter than the pages' CSP: a stored file opened in the browser runs
 * nothing), its type is not sniffed, other sites cannot embed it, and a file opened in the browser
 * sends no referrer. The headers that only a page reads (opener and agent-cluster isolation, DNS
 * prefetching, IE's download and XSS filter switches, Adobe's cross-domain policies) are left out:
 * every answer carried half a kilobyte of them, which each client parses line by line.
 */
const apiHeaders = helmet({
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
  strictTransportSecurity: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
});

/** The paths of the pages (`documentHeaders`); every other path is the API's. */
const DOCUMENT_PATH = /^\/(?:admin|docs)(?:[/?]|$)/;

/**
 * The headers helmet sets, taken once: they do not depend on the request (no nonces), so every
 * answer gets the same list, without helmet building the CSP text again on each request.
 * (`@fastify/helmet` even built the middleware again on every request: 4% of a list's CPU.)
 */
function headersOf(middleware: typeof documentHeaders) {
  const set = new Map<string, string>();
  const removed = new Set<string>();
  const recorder = {
    setHeader: (name: string, value: string) => set.set(name, value),
    removeHeader: (name: string) => (set.delete(name), removed.add(name)),
  };
  middleware({} as IncomingMessage, recorder as unknown as ServerResponse, () => {});
  return { set: [...set], removed: [...removed] };
}

const DOCUMENT_HEADERS = headersOf(documentHeaders);
const API_HEADERS = headersOf(apiHeaders);

/**
 * Security headers on every answer (`helmet`): a page's, or the API's. HSTS is sent only on
 * requests that arrived over TLS (directly, or through a trusted proxy saying
 * `X-Forwarded-Proto: https`), so a plain-HTTP deployment does not lock browsers out.
 */
export default fp(
  async (app) => {
    app.addHook('onRequest', (request, reply, done) => {
      const response = reply.raw;
      const headers = DOCUMENT_PATH.test(request.url) ? DOCUMENT_HEADERS : API_HEADERS;
      for (const name of headers.removed) response.removeHeader(name);
      for (const [name, value] of headers.set) response.setHeader(name, value);
      if (request.protocol === 'https') response.setHeader('strict-transport-security', HSTS);
      done();
    });
  },
  { name: 'security-headers' },
);
