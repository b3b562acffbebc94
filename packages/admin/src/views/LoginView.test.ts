import ElementPlus from 'element-plus';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { h } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { makeI18n } from '../i18n';
import { json, pageText, queryTest, stubFetch } from '../test/dom';
import LoginView from './LoginView.vue';

async function mountLogin(demoLogins: boolean | null) {
  const { requests } = stubFetch((request) =>
    new URL(request.url).pathname === '/api/v1/client-settings' && demoLogins !== null
      ? json({ demoLogins })
      : json({ type: 'about:blank', title: 'Unavailable', status: 503 }, 503),
  );
  const pinia = createPinia();
  setActivePinia(pinia);
  const router = createRouter({
    history: createMemoryHistory('/admin/'),
    routes: [{ path: '/login', name: 'login', component: () => h('p') }],
  });
  await router.push('/login');
  mount(LoginView, { global: { plugins: [pinia, makeI18n('zh-CN'), ElementPlus, router] }, attachTo: document.body });
  await flushPromises();
  return requests;
}

describe('the login page', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('shows the demo accounts where the deployment offers them', async () => {
    const requests = await mountLogin(true);
    expect(requests().map((request) => new URL(request.url).pathname)).toEqual(['/api/v1/client-settings']);
    expect(queryTest('login-demo')?.textContent).toContain('admin@saishi.demo / Saishi@2024');
  });

  it('shows no password in production, nor when the settings cannot be read', async () => {
    await mountLogin(false);
    expect(queryTest('login-demo')).toBeNull();
    expect(pageText()).not.toContain('Saishi@2024');
    document.body.innerHTML = '';
    await mountLogin(null);
    expect(queryTest('login-demo')).toBeNull();
  });

  it('asks for an e-mail or a mobile number, as the field takes either', () => {
    expect(makeI18n('zh-CN').global.t('login.emailRequired')).toBe('请输入邮箱或手机号');
  });
});
