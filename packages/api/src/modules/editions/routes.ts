import type { FastifyPluginAsync } from 'fastify';
import catalogRoutes from './catalog.routes.js';
import organizerRoutes from './organizer.routes.js';
import publicRoutes from './public.routes.js';

/** Public reads of the competition model (R-EDITION-1) and the organizers' edits of topics and stage dates. */
const editionsModule: FastifyPluginAsync = async (app) => {
  await app.register(publicRoutes);
  await app.register(catalogRoutes);
  await app.register(organizerRoutes);
};

export default editionsModule;
