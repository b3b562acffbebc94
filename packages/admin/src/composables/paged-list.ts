import { ref, shallowRef } from 'vue';

export interface PageAnswer<T> {
  items: T[];
  nextCursor: string | null;
  total: number;
}

/**
 * A keyset-paginated list (`?limit=&cursor=` → `{ items, nextCursor, total }`): `reload` starts
 * over with the current filters, `loadMore` appends the next page; `total` is what the filters
 * match on all pages (null before the first answer). Errors are kept in `error` and rethrown so
 * the caller can show them; the items already loaded stay.
 */
export function usePagedList<T>(fetchPage: (cursor: string | null) => Promise<PageAnswer<T>>) {
  const items = shallowRef<T[]>([]);
  const nextCursor = ref<string | null>(null);
  const total = ref<number | null>(null);
  const loading = ref(false);
  const error = ref<unknown>(null);
  let generation = 0;

  async function run(cursor: string | null, append: boolean): Promise<void> {
    const mine = ++generation;
    loading.value = true;
    error.value = null;
    try {
      const page = await fetchPage(cursor);
      if (mine !== generation) return; // a newer reload won
      items.value = append ? [...items.value, ...page.items] : page.items;
      nextCursor.value = page.nextCursor;
      total.value = page.total;
    } catch (caught) {
      if (mine === generation) error.value = caught;
      throw caught;
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  const reload = () => run(null, false);
  const loadMore = () => (nextCursor.value ? run(nextCursor.value, true) : Promise.resolve());

  return { items, nextCursor, total, loading, error, reload, loadMore };
}

/** What `usePagedList` gives: the list's state and its two actions. */
export type PagedList<T> = ReturnType<typeof usePagedList<T>>;
