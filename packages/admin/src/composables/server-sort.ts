import { ref, type Ref } from 'vue';

/** The direction of an Element Plus table's sort arrow; null when the header is cleared. */
export type SortDirection = 'ascending' | 'descending' | null;

/** Which of the server's orders each sortable header asks for, by column prop and direction. */
export type HeaderOrders<Sort extends string> = Record<string, Partial<Record<'ascending' | 'descending', Sort>>>;

/**
 * A table's sortable headers as the API's `sort`: the server orders and pages the whole list
 * (sorting a page in the browser would sort 20 of thousands). A header and direction the table
 * does not name, or a cleared arrow, go back to the list's default order.
 */
export function useServerSort<Sort extends string>(
  orders: HeaderOrders<Sort>,
  fallback: Sort,
  reload: () => unknown,
): { sort: Ref<Sort>; sortChange: (change: { prop: string | null; order: SortDirection }) => void } {
  const sort = ref(fallback) as Ref<Sort>;
  function sortChange({ prop, order }: { prop: string | null; order: SortDirection }): void {
    sort.value = (prop && order ? orders[prop]?.[order] : undefined) ?? fallback;
    void reload();
  }
  return { sort, sortChange };
}
