/**
 * What the admin keeps between page loads. No token: the refresh token is an httpOnly cookie the
 * page cannot read, and the access token lives in memory only (a reload refreshes it).
 */

/** The key under which earlier versions kept both tokens in localStorage; removed on sight. */
const LEGACY_TOKENS_KEY = 'saishi.admin.tokens';
const SESSION_KEY = 'saishi.admin.session';

/** Forgets tokens an earlier version of the admin left in localStorage. */
export function dropLegacyTokens(): void {
  try {
    localStorage.removeItem(LEGACY_TOKENS_KEY);
  } catch {
    // Storage unavailable (private mode): nothing was kept there either.
  }
}

/**
 * Whether this browser logged in and has not logged out since: only then is a session cookie worth
 * trying when a page loads. A hint, not a secret.
 */
export function hasSessionHint(): boolean {
  try {
    return localStorage.getItem(SESSION_KEY) === '1';
  } catch {
    return false;
  }
}

export function saveSessionHint(active: boolean): void {
  try {
    if (active) localStorage.setItem(SESSION_KEY, '1');
    else localStorage.removeItem(SESSION_KEY);
  } catch {
    // Without storage a reload asks to log in again.
  }
}

const EDITION_KEY = 'saishi.admin.edition';

/** The edition code an organizer chose in the switcher, kept between page loads. */
export function loadEdition(): string | null {
  try {
    return localStorage.getItem(EDITION_KEY);
  } catch {
    return null;
  }
}

export function saveEdition(code: string | null): void {
  if (code) localStorage.setItem(EDITION_KEY, code);
  else localStorage.removeItem(EDITION_KEY);
}
