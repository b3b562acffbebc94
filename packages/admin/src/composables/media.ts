import { onBeforeUnmount, ref, type Ref } from 'vue';

/** Below this width (px) the navigation folds into a drawer and the layout turns into one column. */
export const PHONE_MAX_WIDTH = 767;

/** Whether a media query matches, kept up to date while the component lives. */
export function useMediaQuery(query: string): Ref<boolean> {
  const list = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(query) : null;
  const matches = ref(list?.matches ?? false);
  const update = (event: MediaQueryListEvent) => (matches.value = event.matches);
  list?.addEventListener('change', update);
  onBeforeUnmount(() => list?.removeEventListener('change', update));
  return matches;
}

/** Whether the screen is phone-sized. */
export const usePhone = () => useMediaQuery(`(max-width: ${PHONE_MAX_WIDTH}px)`);
