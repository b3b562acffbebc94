import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './pg-errors.js';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });
/** How drizzle wraps a driver error. */
const wrapped = (cause: Error) => Object.assign(new Error('Failed query: select 1'), { cause });

describe('isDatabaseUnavailable', () => {
  it('recognizes a stalled, lost or overloaded database, however drizzle wrapped the error', () => {
    for (const error of [
      new Error('Query read timeout'),
      new Error('Connection terminated unexpectedly'),
      new Error('Connection terminated due to connection timeout'),
      new Error('timeout exceeded when trying to connect'),
      new Error('timeout expired'),
      new Error('Client has encountered a connection error and is not queryable'),
      withCode('ECONNREFUSED'),
      withCode('ECONNRESET'),
      withCode('57P01', 'terminating connection due to administrator command'),
      withCode('57014', 'canceling statement due to statement timeout'),
      withCode('08006'),
      withCode('53300'),
    ]) {
      expect(isDatabaseUnavailable(error), error.message).toBe(true);
      expect(isDatabaseUnavailable(wrapped(error)), `wrapped ${error.message}`).toBe(true);
    }
  });

  it('leaves refusals and bugs alone', () => {
    for (const error of [
      withCode('23505', 'duplicate key value violates unique constraint'),
      withCode('22P02', 'invalid input syntax for type uuid'),
      withCode('42P01', 'relation "x" does not exist'),
      new TypeError("Cannot read properties of undefined (reading 'id')"),
      undefined,
      'a string',
    ]) {
      expect(isDatabaseUnavailable(error)).toBe(false);
    }
  });
});
