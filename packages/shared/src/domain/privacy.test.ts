import { describe, expect, it } from 'vitest';
import { maskEmail, maskMobile } from './privacy.js';

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
