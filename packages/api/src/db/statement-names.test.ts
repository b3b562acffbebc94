import { describe, expect, it } from 'vitest';
import { MAX_PREPARED_PER_CONNECTION, nameStatement } from './statement-names.js';

describe('statement names for prepared statements', () => {
  it('names a parameterized statement after its text, the same name for the same text', () => {
    const prepared = new Set<string>();
    const first = nameStatement({ text: 'select $1::int', values: [1], rowMode: 'array' }, undefined, prepared);
    const second = nameStatement('select $1::int', [2], prepared);
    expect(nameStatement({ text: 'select $1::int', rowMode: 'array' }, [3], prepared)).toEqual({
      text: 'select $1::int',
      rowMode: 'array',
      values: [3],
      name: (first as { name: string }).name,
    });
    expect(first).toMatchObject({ text: 'select $1::int', values: [1], rowMode: 'array', name: expect.any(String) });
    expect(second).toEqual({ text: 'select $1::int', values: [2], name: (first as { name: string }).name });
    expect(nameStatement('select $1::text', ['x'], prepared)).not.toMatchObject({
      name: (first as { name: string }).name,
    });
    expect(prepared.size).toBe(2);
  });

  it('leaves alone statements without values, already named ones and submittables', () => {
    const prepared = new Set<string>();
    expect(nameStatement('begin', undefined, prepared)).toBe('begin');
    const named = { text: 'select $1', values: [1], name: 'mine' };
    expect(nameStatement(named, undefined, prepared)).toBe(named);
    const cursor = { text: 'select $1', values: [1], submit: () => {} };
    expect(nameStatement(cursor, undefined, prepared)).toBe(cursor);
    expect(prepared.size).toBe(0);
  });

  it('stops naming new statements once a connection holds the maximum', () => {
    const prepared = new Set(Array.from({ length: MAX_PREPARED_PER_CONNECTION }, (_, index) => `n${index}`));
    const query = { text: 'select $1 as other', values: [1] };
    expect(nameStatement(query, undefined, prepared)).toBe(query);
  });
});
