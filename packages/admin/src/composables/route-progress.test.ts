import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { PROGRESS_DELAY_MS, routeProgress, trackNavigation } from './route-progress';

const Screen = defineComponent({ render: () => h('p') });

function routerWithSlowScreen(arrived: Promise<void>, fails = false) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: Screen },
      { path: '/quick', component: Screen },
      {
        path: '/slow',
        component: async () => {
          await arrived;
          if (fails) throw new Error('chunk failed to load');
          return Screen;
        },
      },
    ],
  });
  trackNavigation(router);
  return router;
}

describe('the route progress bar', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows while a screen loads, creeping forward, and goes once it has arrived', async () => {
    let arrive!: () => void;
    const router = routerWithSlowScreen(new Promise<void>((resolve) => (arrive = resolve)));
    await router.push('/');
    const navigation = router.push('/slow');
    await vi.advanceTimersByTimeAsync(PROGRESS_DELAY_MS + 1);
    expect(routeProgress.active).toBe(true);
    const first = routeProgress.percent;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(routeProgress.percent).toBeGreaterThan(first);
    expect(routeProgress.percent).toBeLessThan(90);
    arrive();
    await navigation;
    expect(routeProgress.active).toBe(false);
    expect(router.currentRoute.value.path).toBe('/slow');
  });

  it('does not flash for a navigation quicker than its delay', async () => {
    const router = routerWithSlowScreen(Promise.resolve());
    await router.push('/');
    await router.push('/quick');
    await vi.advanceTimersByTimeAsync(PROGRESS_DELAY_MS * 3);
    expect(routeProgress.active).toBe(false);
  });

  it('goes away when a screen fails to load', async () => {
    let arrive!: () => void;
    const router = routerWithSlowScreen(new Promise<void>((resolve) => (arrive = resolve)), true);
    await router.push('/');
    const navigation = router.push('/slow').catch(() => undefined);
    await vi.advanceTimersByTimeAsync(PROGRESS_DELAY_MS + 1);
    expect(routeProgress.active).toBe(true);
    arrive();
    await navigation;
    expect(routeProgress.active).toBe(false);
  });
});
