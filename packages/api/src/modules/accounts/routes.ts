import type { FastifyPluginAsync } from 'fastify';
import authRoutes, { type AuthRoutesOptions } from './auth.routes.js';
import meRoutes from './me.routes.js';
import passwordRoutes from './password.routes.js';
import sessionRoutes from './session.routes.js';
import signUpRoutes from './signup.routes.js';
import usersRoutes from './users.routes.js';

/** Sign-up, login and tokens, the caller's profile, and organizers' user management. */
const accountsModule: FastifyPluginAsync<AuthRoutesOptions> = async (app, options) => {
  await app.register(authRoutes, options);
  await app.register(signUpRoutes, options);
  await app.register(sessionRoutes, options);
  await app.register(passwordRoutes, options);
  await app.register(meRoutes, options);
  await app.register(usersRoutes);
};

export default accountsModule;
