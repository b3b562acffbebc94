import { checkStageOrder } from '@saishi/shared';
import { describe, expect, it } from 'vitest';
import { formatInZone, fromZonedWallTime, nameOf, toZonedWallTime } from './format';
import { describeViolations } from './violations';

describe('formatting', () => {
  it('shows instants in the edition time zone, not the browser one', () => {
    expect(formatInZone('2024-07-15T02:00:00.000Z', 'Asia/Shanghai')).toBe('2024-07-15 10:00');
    expect(formatInZone(null, 'Asia/Shanghai')).toBe('—');
  });

  it('converts wall-clock times of the edition zone to instants and back, whatever the browser zone', () => {
    expect(fromZonedWallTime('2024-09-02 09:00:00', 'Asia/Shanghai').toISOString()).toBe('2024-09-02T01:00:00.000Z');
    expect(toZonedWallTime('2024-09-02T01:00:00.000Z', 'Asia/Shanghai')).toBe('2024-09-02 09:00:00');
    // A zone with daylight saving time: the offset of the wall time itself is used.
    expect(fromZonedWallTime('2024-07-01 12:00', 'Europe/Berlin').toISOString()).toBe('2024-07-01T10:00:00.000Z');
    expect(fromZonedWallTime('2024-01-01 12:00', 'Europe/Berlin').toISOString()).toBe('2024-01-01T11:00:00.000Z');
    expect(Number.isNaN(fromZonedWallTime('not a date', 'Asia/Shanghai').getTime())).toBe(true);
  });

  it('picks the name in the UI language', () => {
    expect(nameOf({ nameZh: '初赛', nameEn: 'Preliminary' }, 'zh-CN')).toBe('初赛');
    expect(nameOf({ nameZh: '初赛', nameEn: 'Preliminary' }, 'en')).toBe('Preliminary');
  });

  it('describes violations of the shared rules with the API catalog messages', () => {
    const violations = checkStageOrder([
      { code: 'collection', startsAt: new Date('2024-07-01'), endsAt: new Date('2024-08-10') },
      { code: 'preliminary', startsAt: new Date('2024-08-01'), endsAt: new Date('2024-08-31') },
    ]);
    const [zh] = describeViolations(violations, 'zh-CN');
    const [en] = describeViolations(violations, 'en');
    expect(zh).toBe('阶段“初赛评审”与前一阶段“项目征集”时间重叠');
    expect(en).toMatch(/overlap/i);
  });
});
