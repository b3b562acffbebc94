import { describe, expect, it, vi } from 'vitest';
import { usePagedList } from './paged-list';

describe('usePagedList', () => {
  it('loads the first page, appends the next ones and stops at the end', async () => {
    const fetchPage = vi.fn(async (cursor: string | null) =>
      cursor === null
        ? { items: [1, 2], nextCursor: 'c2' }
        : cursor === 'c2'
          ? { items: [3], nextCursor: null }
          : { items: [], nextCursor: null },
    );
    const list = usePagedList(fetchPage);
    await list.reload();
    expect(list.items.value).toEqual([1, 2]);
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
      return { items: ['a'], nextCursor: 'next' };
    });
    const list = usePagedList(fetchPage);
    await list.reload();
    await expect(list.loadMore()).rejects.toBe(failure);
    expect(list.items.value).toEqual(['a']);
    expect(list.error.value).toBe(failure);
    expect(list.loading.value).toBe(false);
  });

  it('ignores a slow answer overtaken by a newer reload (filters changed)', async () => {
    let resolveSlow: (value: { items: string[]; nextCursor: null }) => void = () => {};
    const answers = [
      new Promise<{ items: string[]; nextCursor: null }>((resolve) => (resolveSlow = resolve)),
      Promise.resolve({ items: ['new'], nextCursor: null }),
    ];
    const list = usePagedList(() => answers.shift()!);
    const slow = list.reload();
    await list.reload();
    resolveSlow({ items: ['old'], nextCursor: null });
    await slow;
    expect(list.items.value).toEqual(['new']);
  });
});
