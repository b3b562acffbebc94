import { reactive, readonly } from 'vue';
import type { Router } from 'vue-router';

/** A navigation that ends sooner than this shows no bar (no flicker between cached screens). */
export const PROGRESS_DELAY_MS = 120;

const state = reactive({ active: false, percent: 0 });
let shown: ReturnType<typeof setTimeout> | null = null;
let creeping: ReturnType<typeof setInterval> | null = null;

function stopTimers(): void {
  if (shown) clearTimeout(shown);
  if (creeping) clearInterval(creeping);
  shown = creeping = null;
}

function start(): void {
  // A redirect or a newer navigation starts again while one is under way: one bar for them all.
  if (shown || state.active) return;
  shown = setTimeout(() => {
    state.active = true;
    state.percent = 10;
    // Creeps toward 90 % (never reaching it) until the screen has loaded.
    creeping = setInterval(() => (state.percent += (90 - state.percent) * 0.1), 200);
  }, PROGRESS_DELAY_MS);
}

function done(): void {
  stopTimers();
  state.active = false;
  state.percent = 0;
}

/** How far the current navigation has come, for the bar at the top of the page. */
export const routeProgress = readonly(state);

/**
 * Shows the progress bar while the router resolves a navigation (the guard restoring the session,
 * a screen's code loading): from a short delay after it starts until it ends, fails or is cancelled
 * (the router calls afterEach once for a navigation and the redirects it went through).
 */
export function trackNavigation(router: Router): void {
  router.beforeEach(() => {
    start();
    return true;
  });
  router.afterEach(() => done());
  router.onError(() => done());
}
