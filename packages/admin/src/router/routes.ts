import type { RouteRecordRaw } from 'vue-router';

declare module 'vue-router' {
  interface RouteMeta {
    /** Who may open the screen; absent = anyone logged in. */
    roles?: ('admin' | 'expert')[];
    /** The nav label key. */
    title?: string;
    public?: boolean;
    /** Not in the side menu (a detail screen). */
    hidden?: boolean;
  }
}

export const organizerRoutes: RouteRecordRaw[] = [
  {
    path: 'dashboard',
    name: 'dashboard',
    component: () => import('../views/organizer/DashboardView.vue'),
    meta: { roles: ['admin'], title: 'nav.dashboard' },
  },
  {
    path: 'settings',
    name: 'settings',
    component: () => import('../views/organizer/SettingsView.vue'),
    meta: { roles: ['admin'], title: 'nav.settings' },
  },
  {
    path: 'seasons',
    name: 'seasons',
    component: () => import('../views/organizer/SeasonsView.vue'),
    meta: { roles: ['admin'], title: 'nav.seasons' },
  },
  {
    path: 'seasons/new',
    name: 'season-wizard',
    component: () => import('../views/organizer/seasons/SeasonWizardView.vue'),
    meta: { roles: ['admin'], title: 'seasons.wizard.title', hidden: true },
  },
  {
    path: 'divisions',
    name: 'divisions',
    component: () => import('../views/organizer/DivisionsView.vue'),
    meta: { roles: ['admin'], title: 'nav.divisions' },
  },
  {
    path: 'units',
    name: 'units',
    component: () => import('../views/organizer/UnitsView.vue'),
    meta: { roles: ['admin'], title: 'nav.units' },
  },
  {
    path: 'qualification',
    name: 'qualification',
    component: () => import('../views/organizer/QualificationView.vue'),
    meta: { roles: ['admin'], title: 'nav.qualification' },
  },
  {
    path: 'projects',
    name: 'projects',
    component: () => import('../views/organizer/ProjectsView.vue'),
    meta: { roles: ['admin'], title: 'nav.projects' },
  },
  {
    path: 'experts',
    name: 'experts',
    component: () => import('../views/organizer/ExpertsView.vue'),
    meta: { roles: ['admin'], title: 'nav.experts' },
  },
  {
    path: 'review',
    name: 'review',
    component: () => import('../views/organizer/ReviewView.vue'),
    meta: { roles: ['admin'], title: 'nav.assignment' },
  },
  {
    path: 'awards',
    name: 'awards',
    component: () => import('../views/organizer/AwardsView.vue'),
    meta: { roles: ['admin'], title: 'nav.awards' },
  },
  {
    path: 'results',
    name: 'results',
    component: () => import('../views/organizer/ResultsView.vue'),
    meta: { roles: ['admin'], title: 'nav.publish' },
  },
  {
    path: 'announcements',
    name: 'announcements',
    component: () => import('../views/organizer/AnnouncementsView.vue'),
    meta: { roles: ['admin'], title: 'nav.announcements' },
  },
  {
    path: 'users',
    name: 'users',
    component: () => import('../views/organizer/UsersView.vue'),
    meta: { roles: ['admin'], title: 'nav.users' },
  },
  {
    path: 'ledger',
    name: 'ledger',
    component: () => import('../views/organizer/LedgerView.vue'),
    meta: { roles: ['admin'], title: 'nav.ledger' },
  },
  {
    path: 'messages',
    name: 'messages',
    component: () => import('../views/organizer/MessagesView.vue'),
    meta: { roles: ['admin'], title: 'nav.messages' },
  },
  {
    path: 'webhooks',
    name: 'webhooks',
    component: () => import('../views/organizer/WebhooksView.vue'),
    meta: { roles: ['admin'], title: 'nav.webhooks' },
  },
  {
    path: 'privacy',
    name: 'privacy',
    component: () => import('../views/organizer/PrivacyView.vue'),
    meta: { roles: ['admin'], title: 'nav.privacy' },
  },
  {
    path: 'jobs',
    name: 'jobs',
    component: () => import('../views/organizer/JobsView.vue'),
    meta: { roles: ['admin'], title: 'nav.jobs' },
  },
];

export const expertRoutes: RouteRecordRaw[] = [
  {
    path: 'my-assignments',
    name: 'my-assignments',
    component: () => import('../views/expert/MyAssignmentsView.vue'),
    meta: { roles: ['expert'], title: 'nav.myAssignments' },
  },
  {
    path: 'assignments/:id',
    name: 'assignment',
    component: () => import('../views/expert/AssignmentView.vue'),
    meta: { roles: ['expert'], title: 'nav.myAssignments', hidden: true },
  },
];

export const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('../views/LoginView.vue'), meta: { public: true } },
  // The results library for anyone, without login (its links are shared).
  {
    path: '/public/results',
    name: 'public-results',
    component: () => import('../views/public/PublicResultsView.vue'),
    meta: { public: true },
  },
  {
    path: '/public/results/:id',
    name: 'public-result',
    component: () => import('../views/public/PublicResultView.vue'),
    meta: { public: true },
  },
  {
    path: '/',
    component: () => import('../components/AppLayout.vue'),
    children: [
      { path: '', name: 'home', redirect: () => ({ name: 'dashboard' }) },
      ...organizerRoutes,
      ...expertRoutes,
    ],
  },
  { path: '/:rest(.*)*', redirect: '/' },
];

/** The organizer's screens in the side menu, in its order (the browser suites visit each). */
export const organizerScreens = (): string[] =>
  organizerRoutes.filter((route) => !route.meta?.hidden).map((route) => String(route.name));
