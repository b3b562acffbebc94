import type { RuleViolation } from './violation.js';

/**
 * GB 32100-2015 unified social credit code (统一社会信用代码): 18 characters from a 31-symbol
 * alphabet (digits and capitals without I, O, Z, S, V); characters 3–8 are the administrative
 * division code, the 18th is a check character computed modulo 31 from the first 17.
 */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** The 18th character for the first 17 characters, or null when they use a symbol outside the alphabet. */
export function creditCodeCheckCharacter(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let index = 0; index < 17; index++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17[index]!);
    if (value < 0) return null;
    sum += value * WEIGHTS[index]!;
  }
  const check = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_ALPHABET[check]!;
}

/** Upper-cases and trims a code as typed by people (the alphabet is upper case only). */
export function normalizeCreditCode(code: string): string {
  return code.trim().toUpperCase();
}

export function isValidCreditCode(code: string): boolean {
  return SHAPE.test(code) && creditCodeCheckCharacter(code.slice(0, 17)) === code[17];
}

/** R-SOC-1: the unit's code must be 18 characters of the GB 32100-2015 alphabet with a matching check character. */
export function checkCreditCode(code: string, path = '/creditCode'): RuleViolation[] {
  if (!SHAPE.test(code))
    return [{ code: 'CREDIT_CODE_MALFORMED', ruleId: 'R-SOC-1', path, params: { creditCode: code } }];
  const expected = creditCodeCheckCharacter(code.slice(0, 17));
  if (expected !== code[17]) {
    return [
      {
        code: 'CREDIT_CODE_CHECK_DIGIT',
        ruleId: 'R-SOC-1',
        path,
        params: { creditCode: code, expected: expected ?? '?' },
      },
    ];
  }
  return [];
}
