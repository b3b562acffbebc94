import type { Pinia } from 'pinia';
import { createRouter, createWebHistory } from 'vue-router';
import { trackNavigation } from '../composables/route-progress';
import { useAuthStore } from '../stores/auth';
import { expertRoutes, routes } from './routes';

export { expertRoutes, organizerRoutes } from './routes';

/** The home screen of a role. */
export function homeOf(role: string | null): string {
  return role === 'expert' && expertRoutes.length > 0 ? String(expertRoutes[0]!.name) : 'dashboard';
}

export function makeRouter(pinia: Pinia) {
  const router = createRouter({ history: createWebHistory('/admin/'), routes });
  trackNavigation(router);
  router.beforeEach(async (to) => {
    if (to.meta.public) return true;
    const auth = useAuthStore(pinia);
    if (!(await auth.restore())) return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
    if (to.name === 'home') return { name: homeOf(auth.role) };
    if (to.meta.roles && !to.meta.roles.includes(auth.role as 'admin' | 'expert')) return { name: homeOf(auth.role) };
    return true;
  });
  return router;
}
