import { describe, expect, it } from 'vitest';
import { isDepartedMobileOver, isRetentionOver, maskEmail, maskMobile, retentionDeadline } from './privacy.js';

describe('masking personal contacts', () => {
  it('keeps the first three and last four digits of a mobile number', () => {
    expect(maskMobile('13800000001')).toBe('138****0001');
    expect(maskMobile('+8613912345678')).toBe('+86****5678');
    expect(maskMobile('12345')).toBe('****45');
    expect(maskMobile(null)).toBeNull();
  });

  it('keeps the first letter and the domain of an e-mail address', () => {
    expect(maskEmail('zhang.san@example.com')).toBe('z***@example.com');
    expect(maskEmail('not-an-address')).toBe('***');
    expect(maskEmail(null)).toBeNull();
  });
});

describe('retention periods', () => {
  const anchor = new Date('2024-08-01T00:00:00Z');
  const day = 24 * 60 * 60 * 1000;

  it('keeps until the last instant of day N-1 and deletes from day N', () => {
    expect(retentionDeadline(anchor, 30).toISOString()).toBe('2024-08-31T00:00:00.000Z');
    expect(isRetentionOver(anchor, 30, new Date(anchor.getTime() + 29 * day))).toBe(false);
    expect(isRetentionOver(anchor, 30, new Date(anchor.getTime() + 30 * day - 1))).toBe(false);
    expect(isRetentionOver(anchor, 30, new Date(anchor.getTime() + 30 * day))).toBe(true);
  });

  it('deletes at once with 0 days, and keeps without a period or without the event', () => {
    expect(isRetentionOver(anchor, 0, anchor)).toBe(true);
    expect(isRetentionOver(anchor, null, new Date('2099-01-01T00:00:00Z'))).toBe(false);
    expect(isRetentionOver(null, 30, new Date('2099-01-01T00:00:00Z'))).toBe(false);
  });
});

describe('the mobile number of a participant who left', () => {
  const archivedAt = new Date('2024-12-01T00:00:00Z');
  const day = 24 * 60 * 60 * 1000;
  const closed = { editionStatus: 'archived', archivedAt, departedMobileDays: 10 };

  it('is deleted once every edition of theirs is archived and its period over', () => {
    expect(isDepartedMobileOver([closed], new Date(archivedAt.getTime() + 10 * day))).toBe(true);
    expect(isDepartedMobileOver([closed], new Date(archivedAt.getTime() + 9 * day))).toBe(false);
  });

  it('is kept while another edition of theirs runs, has no period, or when they took part in none', () => {
    const later = new Date(archivedAt.getTime() + 100 * day);
    expect(
      isDepartedMobileOver([closed, { editionStatus: 'published', archivedAt: null, departedMobileDays: 10 }], later),
    ).toBe(false);
    expect(isDepartedMobileOver([closed, { ...closed, departedMobileDays: null }], later)).toBe(false);
    expect(isDepartedMobileOver([], later)).toBe(false);
  });
});
