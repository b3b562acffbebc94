import { checkStageOrder } from '@saishi/shared';
import { describe, expect, it } from 'vitest';
import { formatInZone, nameOf } from './format';
import { describeViolations } from './violations';

describe('formatting', () => {
  it('shows instants in the edition time zone, not the browser one', () => {
    expect(formatInZone('2024-07-15T02:00:00.000Z', 'Asia/Shanghai')).toBe('2024-07-15 10:00');
    expect(formatInZone(null, 'Asia/Shanghai')).toBe('—');
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
    expect(zh).toMatch(/preliminary/);
    expect(en).toMatch(/overlap/i);
  });
});
