import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { operations } from './operations.js';

const ClientSettings = Type.Object(
  {
    demoLogins: Type.Boolean({
      description: 'The demo accounts may be shown on the login page (demo data loaded, not in production)',
    }),
  },
  { examples: [{ demoLogins: false }] },
);

/** What the admin shows before anyone logs in, decided by the deployment. */
const clientSettingsRoutes: FastifyPluginAsyncTypebox<{ demoLogins: boolean }> = async (app, options) => {
  app.get(
    '/client-settings',
    {
      schema: { tags: ['system'], ...operations.getClientSettings, response: { 200: ClientSettings } },
      config: { withoutDatabase: true },
    },
    async () => ({ demoLogins: options.demoLogins }),
  );
};

export default clientSettingsRoutes;
