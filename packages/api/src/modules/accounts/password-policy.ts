import { createRequire } from 'node:module';
import type { dictionary as Dictionary } from '@zxcvbn-ts/language-common';
import { DomainError, type FieldProblem } from '../../lib/errors.js';

/** ASVS 2.1.1: at least this many characters. */
export const PASSWORD_MIN_LENGTH = 10;

const require = createRequire(import.meta.url);
let commonPasswords: ReadonlySet<string> | undefined;

/**
 * The ~49,000 most common passwords of the zxcvbn-ts project's list (lower case), loaded on the
 * first password checked: decompressing the list was a noticeable part of every cold start.
 */
function isCommonPassword(lowered: string): boolean {
  commonPasswords ??= new Set(
    (require('@zxcvbn-ts/language-common') as { dictionary: typeof Dictionary }).dictionary['passwords-common'],
  );
  return commonPasswords.has(lowered);
}

/**
 * What is wrong with a new password (ASVS 2.1): too short, one of the common passwords (ignoring
 * case), or the same as the account's email, the name part of the email, or the mobile number.
 */
export function passwordProblems(password: string, logins: readonly (string | null | undefined)[]): FieldProblem[] {
  const path = '/body/password';
  const lowered = password.toLowerCase();
  const problems: FieldProblem[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH)
    problems.push({ path, code: 'PASSWORD_TOO_SHORT', params: { min: PASSWORD_MIN_LENGTH } });
  if (isCommonPassword(lowered)) problems.push({ path, code: 'PASSWORD_TOO_COMMON' });
  const loginForms = logins
    .filter((login): login is string => Boolean(login))
    .flatMap((login) => [login.trim().toLowerCase(), login.trim().toLowerCase().split('@')[0] ?? ''])
    .filter(Boolean);
  if (loginForms.includes(lowered)) problems.push({ path, code: 'PASSWORD_SAME_AS_LOGIN' });
  return problems;
}

/** Refuses a password the policy does not accept (400, each problem as a field error). */
export function assertPasswordAccepted(password: string, logins: readonly (string | null | undefined)[]): void {
  const problems = passwordProblems(password, logins);
  const [first] = problems;
  if (first)
    throw new DomainError(first.code, 400, { ...(first.params ? { params: first.params } : {}), fields: problems });
}
