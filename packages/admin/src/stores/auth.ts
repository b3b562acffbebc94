import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { rawJson, session, type SessionAnswer } from '../api/client';

export interface Me {
  id: string;
  email: string | null;
  mobile: string | null;
  displayName: string;
  role: 'admin' | 'expert' | 'participant';
}

interface LoginAnswer extends SessionAnswer {
  user?: Me;
}

/**
 * The logged-in person. The session lives in the API client: the access token in memory, the
 * refresh token in an httpOnly cookie, refreshed transparently (and after a reload).
 */
export const useAuthStore = defineStore('auth', () => {
  const me = ref<Me | null>(null);
  const loggedIn = computed(() => me.value !== null);
  const role = computed(() => me.value?.role ?? null);

  // A failed refresh ends the session everywhere.
  session.subscribe((accessToken) => {
    if (!accessToken) me.value = null;
  });

  /** `login` is an email or a mobile number. */
  async function login(loginName: string, password: string): Promise<Me> {
    const answer = await rawJson<LoginAnswer>('/api/v1/auth/login', {
      method: 'POST',
      json: { login: loginName, password, refreshTokenIn: 'cookie' },
    });
    session.setSession(answer);
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

  /** Restores the session of a previous visit (or another tab) from its cookie, when it still works. */
  async function restore(): Promise<boolean> {
    if (me.value) return true;
    if (!session.accessToken && !(await session.refresh())) return false;
    try {
      await loadMe();
      return true;
    } catch {
      session.setSession(null);
      return false;
    }
  }

  async function logout(): Promise<void> {
    try {
      await session.logout();
    } finally {
      me.value = null;
    }
  }

  return { me, loggedIn, role, login, loadMe, restore, logout };
});
