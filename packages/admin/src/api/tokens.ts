/** Where the session's tokens live between page loads. */
export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

const KEY = 'saishi.admin.tokens';

export function loadTokens(): Tokens | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Tokens>;
    return parsed.accessToken && parsed.refreshToken
      ? { accessToken: parsed.accessToken, refreshToken: parsed.refreshToken }
      : null;
  } catch {
    return null;
  }
}

export function saveTokens(tokens: Tokens | null): void {
  if (tokens) localStorage.setItem(KEY, JSON.stringify(tokens));
  else localStorage.removeItem(KEY);
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
