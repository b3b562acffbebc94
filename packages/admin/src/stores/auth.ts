import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { rawJson, session } from '../api/client';
import type { Tokens } from '../api/tokens';

export interface Me {
  id: string;
  email: string | null;
  mobile: string | null;
  displayName: string;
  role: 'admin' | 'expert' | 'participant';
}

interface LoginAnswer extends Tokens {
  user?: Me;
}

/** The logged-in person; tokens live in the API session, refreshed transparently by the client. */
export const useAuthStore = defineStore('auth', () => {
  const me = ref<Me | null>(null);
  const loggedIn = computed(() => me.value !== null);
  const role = computed(() => me.value?.role ?? null);

  // A failed refresh ends the session everywhere.
  session.subscribe((tokens) => {
    if (!tokens) me.value = null;
  });

  /** `login` is an email or a mobile number. */
  async function login(loginName: string, password: string): Promise<Me> {
    const answer = await rawJson<LoginAnswer>('/api/v1/auth/login', {
      method: 'POST',
      json: { login: loginName, password },
    });
    session.setTokens({ accessToken: answer.accessToken, refreshToken: answer.refreshToken });
    if (answer.user) {
      me.value = answer.user;
      return answer.user;
    }
    return loadMe();
  }

  async function loadMe(): Promise<Me> {
    me.value = await rawJson<Me>('/api/v1/me');
    return me.value;
  }

  /** Restores the session of a previous visit, when its tokens still work. */
  async function restore(): Promise<boolean> {
    if (me.value) return true;
    if (!session.tokens) return false;
    try {
      await loadMe();
      return true;
    } catch {
      session.setTokens(null);
      return false;
    }
  }

  async function logout(): Promise<void> {
    const refreshToken = session.tokens?.refreshToken;
    try {
      if (refreshToken) await rawJson('/api/v1/auth/logout', { method: 'POST', json: { refreshToken } });
    } finally {
      session.setTokens(null);
      me.value = null;
    }
  }

  return { me, loggedIn, role, login, loadMe, restore, logout };
});
