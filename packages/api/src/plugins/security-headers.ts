import fp from 'fastify-plugin';
import helmet from 'helmet';

/** HSTS for a year, subdomains included, once the site is reached over TLS. */
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Security headers on every answer (`helmet`). The CSP allows what the admin and /docs load from
 * this origin only: scripts and styles from files (styles may also be inline, as Element Plus and
 * Swagger UI set them), images and fonts also as data: URLs. Nothing may frame the site.
 * HSTS is sent only on requests that arrived over TLS (directly, or through a trusted proxy
 * saying `X-Forwarded-Proto: https`), so a plain-HTTP deployment does not lock browsers out.
 */
const securityHeaders = helmet({
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
 * The headers are applied by one helmet middleware built here once: `@fastify/helmet` built it
 * again from the options on every request (parsing the CSP directives each time), 4% of the
 * organizer list's CPU in a profile.
 */
export default fp(
  async (app) => {
    // helmet 8 throws instead of passing an error on, and only for options, checked above at load.
    app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, () => done()));
    app.addHook('onSend', async (request, reply) => {
      if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
    });
  },
  { name: 'security-headers' },
);
