import type { FastifyPluginAsync } from 'fastify';
import annotationsRoutes from './annotations.routes.js';
import blacklistsRoutes from './blacklists.routes.js';
import documentsRoutes from './documents.routes.js';
import teamExportRoutes from './export.routes.js';
import membersRoutes from './members.routes.js';
import qualificationRoutes from './qualification.routes.js';
import studentIdsRoutes from './student-ids.routes.js';
import teamsRoutes from './teams.routes.js';
import unitsRoutes from './units.routes.js';

/**
 * Units (参赛单位), blacklists, teams, members and invitations, team documents, and the
 * qualification review (资格审核) — SPEC §4. Rules come from @saishi/shared; the database backs
 * R-ALL-2 (unique edition + person) and team size (team row locked while joining).
 */
const teamsModule: FastifyPluginAsync = async (app) => {
  await app.register(unitsRoutes);
  await app.register(blacklistsRoutes);
  await app.register(teamsRoutes);
  await app.register(teamExportRoutes);
  await app.register(membersRoutes);
  await app.register(documentsRoutes);
  await app.register(studentIdsRoutes);
  await app.register(qualificationRoutes);
  await app.register(annotationsRoutes);
};

export default teamsModule;
