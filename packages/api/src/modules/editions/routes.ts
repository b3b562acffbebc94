import type { FastifyPluginAsync } from 'fastify';
import catalogRoutes from './catalog.routes.js';
import divisionRoutes from './divisions.routes.js';
import lifecycleRoutes from './lifecycle.routes.js';
import organizerRoutes from './organizer.routes.js';
import publicRoutes from './public.routes.js';

/** Public reads of the competition model (R-EDITION-1), the organizers' edits, and the editions' lifecycle. */
const editionsModule: FastifyPluginAsync = async (app) => {
  await app.register(publicRoutes);
  await app.register(catalogRoutes);
  await app.register(organizerRoutes);
  await app.register(lifecycleRoutes);
  await app.register(divisionRoutes);
};

export default editionsModule;
