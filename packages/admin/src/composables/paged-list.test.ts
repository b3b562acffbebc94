import { describe, expect, it, vi } from 'vitest';
import { usePagedList } from './paged-list';

describe('usePagedList', () => {
  it('loads the first page, appends the next ones and stops at the end', async () => {
    const fetchPage = vi.fn(async (cursor: string | null) =>
      cursor === null
        ? { items: [1, 2], nextCursor: 'c2', total: 3 }
        : cursor === 'c2'
          ? { items: [3], nextCursor: null, total: 3 }
          : { items: [], nextCursor: null, total: 3 },
    );
    const list = usePagedList(fetchPage);
    expect(list.total.value).toBeNull();
    await list.reload();
    expect(list.items.value).toEqual([1, 2]);
    expect(list.total.value).toBe(3);
    await list.loadMore();
    expect(list.items.value).toEqual([1, 2, 3]);
    expect(list.nextCursor.value).toBeNull();
    await list.loadMore();
    expect(fetchPage).toHaveBeenCalledTimes(2);
  });

  it('keeps the loaded items when a page fails, and exposes the error', async () => {
    const failure = new Error('boom');
    const fetchPage = vi.fn(async (cursor: string | null) => {
      if (cursor) throw failure;
      return { items: ['a'], nextCursor: 'next', total: 2 };
    });
    const list = usePagedList(fetchPage);
    await list.reload();
    await expect(list.loadMore()).rejects.toBe(failure);
    expect(list.items.value).toEqual(['a']);
    expect(list.error.value).toBe(failure);
    expect(list.loading.value).toBe(false);
  });

  it('ignores a slow answer overtaken by a newer reload (filters changed)', async () => {
    type Answer = { items: string[]; nextCursor: null; total: number };
    let resolveSlow: (value: Answer) => void = () => {};
    const answers = [
      new Promise<Answer>((resolve) => (resolveSlow = resolve)),
      Promise.resolve({ items: ['new'], nextCursor: null, total: 1 }),
    ];
    const list = usePagedList(() => answers.shift()!);
    const slow = list.reload();
    await list.reload();
    resolveSlow({ items: ['old'], nextCursor: null, total: 1 });
    await slow;
    expect(list.items.value).toEqual(['new']);
  });
});
