import { describe, expect, it } from 'vitest';
import { checkCreditCode, creditCodeCheckCharacter, isValidCreditCode, normalizeCreditCode } from './credit-code.js';

describe('GB 32100-2015 credit code (R-SOC-1)', () => {
  it('accepts published codes of real organizations', () => {
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(isValidCreditCode('91110000802100433B')).toBe(true);
  });

  it('computes the 18th character from the first 17', () => {
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(creditCodeCheckCharacter('91110000802100433')).toBe('B');
  });

  it('rejects a wrong check character (R-SOC-1)', () => {
    expect(checkCreditCode('91350100M000100Y44')).toEqual([
      {
        code: 'CREDIT_CODE_CHECK_DIGIT',
        ruleId: 'R-SOC-1',
        path: '/creditCode',
        params: { creditCode: '91350100M000100Y44', expected: '3' },
      },
    ]);
  });

  it('rejects codes with letters outside the alphabet or the wrong length (R-SOC-1)', () => {
    expect(checkCreditCode('91350100M000100YI3')[0]?.code).toBe('CREDIT_CODE_MALFORMED');
    expect(checkCreditCode('91350100M000100Y4')[0]?.code).toBe('CREDIT_CODE_MALFORMED');
    expect(checkCreditCode('91ABCDEFM000100Y43')[0]?.code).toBe('CREDIT_CODE_MALFORMED');
  });

  it('normalizes case and spaces', () => {
    expect(normalizeCreditCode(' 91350100m000100y43 ')).toBe('91350100M000100Y43');
  });
});
