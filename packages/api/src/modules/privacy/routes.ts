import type { FastifyPluginAsync } from 'fastify';
import accessRoutes from './access.routes.js';
import consentRoutes from './consent.routes.js';
import personalDataRoutes from './personal-data.routes.js';
import retentionRoutes from './retention.routes.js';

/** Personal information: the privacy notice and consents, and minimization with its access log. */
const privacyRoutes: FastifyPluginAsync = async (app) => {
  await app.register(consentRoutes);
  await app.register(accessRoutes);
  await app.register(personalDataRoutes);
  await app.register(retentionRoutes);
};

export default privacyRoutes;
