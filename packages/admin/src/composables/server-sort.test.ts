import { describe, expect, it, vi } from 'vitest';
import { useServerSort } from './server-sort';

describe('useServerSort', () => {
  it('turns a header arrow into the server order, and back to the default when cleared or unknown', () => {
    const reload = vi.fn();
    const { sort, sortChange } = useServerSort(
      { name: { ascending: 'name' }, updatedAt: { ascending: 'updated', descending: 'recent' } },
      'updated',
      reload,
    );
    expect(sort.value).toBe('updated');
    sortChange({ prop: 'name', order: 'ascending' });
    expect(sort.value).toBe('name');
    sortChange({ prop: 'updatedAt', order: 'descending' });
    expect(sort.value).toBe('recent');
    sortChange({ prop: 'name', order: 'descending' });
    expect(sort.value).toBe('updated');
    sortChange({ prop: 'name', order: 'ascending' });
    sortChange({ prop: 'name', order: null });
    expect(sort.value).toBe('updated');
    sortChange({ prop: 'email', order: 'ascending' });
    expect(sort.value).toBe('updated');
    expect(reload).toHaveBeenCalledTimes(6);
  });
});
