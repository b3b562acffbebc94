import { TZDate } from '@date-fns/tz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoInZone } from './time.js';

const ZONES = ['Asia/Shanghai', 'UTC', 'America/New_York', 'Europe/London', 'Asia/Kathmandu', 'Australia/Lord_Howe'];

describe('isoInZone', () => {
  it('writes what the time zone database says for any instant, across offset changes', () => {
    fc.assert(
      fc.property(
        // From 1850 (local mean times, offsets in seconds) to 2100.
        fc.integer({ min: Date.UTC(1850, 0, 1), max: Date.UTC(2100, 0, 1) }),
        fc.constantFrom(...ZONES),
        (ms, zone) => {
          expect(isoInZone(new Date(ms), zone)).toBe(new TZDate(ms, zone).toISOString());
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('turns at the instant a zone changes its offset', () => {
    // New York left daylight saving time at 2024-11-03 06:00 UTC; Shanghai's demo instants.
    expect(isoInZone(new Date('2024-11-03T05:59:59.999Z'), 'America/New_York')).toBe('2024-11-03T01:59:59.999-04:00');
    expect(isoInZone(new Date('2024-11-03T06:00:00.000Z'), 'America/New_York')).toBe('2024-11-03T01:00:00.000-05:00');
    expect(isoInZone(new Date('2024-08-15T16:00:00Z'), 'Asia/Shanghai')).toBe('2024-08-16T00:00:00.000+08:00');
  });
});
