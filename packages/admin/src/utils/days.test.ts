import { describe, expect, it } from 'vitest';
import { dayInZone, withQuietDays } from './days';

describe('submissions per day', () => {
  it('counts the quiet days between the busy ones as zero, across a month end', () => {
    expect(
      withQuietDays([
        { key: '2024-08-02', count: 1 },
        { key: '2024-07-30', count: 3 },
      ]),
    ).toEqual([
      { key: '2024-07-30', count: 3 },
      { key: '2024-07-31', count: 0 },
      { key: '2024-08-01', count: 0 },
      { key: '2024-08-02', count: 1 },
    ]);
  });

  it('runs on to a later day when asked, and has nothing to show without submissions', () => {
    expect(withQuietDays([{ key: '2024-02-28', count: 2 }], '2024-03-01').map((day) => day.key)).toEqual([
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
    ]);
    expect(withQuietDays([{ key: '2024-02-28', count: 2 }], '2024-02-01')).toHaveLength(1);
    expect(withQuietDays([], '2024-03-01')).toEqual([]);
  });
});

describe('the day of an instant', () => {
  it("is the edition's calendar day, not the browser's", () => {
    const instant = new Date('2024-08-31T17:30:00Z');
    expect(dayInZone(instant, 'Asia/Shanghai')).toBe('2024-09-01');
    expect(dayInZone(instant, 'America/New_York')).toBe('2024-08-31');
  });
});
