import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { assignmentRoutes, expertRoutes, expertScoreRoutes, scoreRoutes } from './assignment-routes.js';
import {
  autoAssignRoutes,
  decisionPreviewRoutes,
  decisionRoutes,
  roundChangeRoutes,
  roundRoutes,
  rubricRoutes,
  spreadRoutes,
} from './round-routes.js';

/** Review rounds, rubrics, conflict-free assignment, blind scoring, ranking and advancement (SPEC §6). */
const reviewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(roundRoutes);
  await app.register(roundChangeRoutes);
  await app.register(rubricRoutes);
  await app.register(autoAssignRoutes);
  await app.register(decisionRoutes);
  await app.register(decisionPreviewRoutes);
  await app.register(spreadRoutes);
  await app.register(assignmentRoutes);
  await app.register(expertRoutes);
  await app.register(expertScoreRoutes);
  await app.register(scoreRoutes);
};

export default reviewRoutes;
