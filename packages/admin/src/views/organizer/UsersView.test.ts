import ElementPlus from 'element-plus';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeI18n } from '../../i18n';
import { useAuthStore } from '../../stores/auth';
import { answerBox, byTest, click, json, pageText, stubFetch } from '../../test/dom';
import UsersView from './UsersView.vue';

const user = (id: string, email: string, displayName: string, role: string) => ({
  id,
  email,
  mobile: null,
  displayName,
  role,
  disabled: false,
  createdAt: '2024-06-01T00:00:00Z',
});
const me = user('u1', 'admin@saishi.demo', '赛事管理员', 'admin');
const expert = user('u2', 'expert@saishi.demo', '李专家', 'expert');

async function mountView() {
  const pinia = createPinia();
  setActivePinia(pinia);
  useAuthStore().me = { ...me, role: 'admin' };
  mount(UsersView, { global: { plugins: [pinia, makeI18n('zh-CN'), ElementPlus] }, attachTo: document.body });
  await flushPromises();
}

async function pickRole(email: string, label: string): Promise<void> {
  await click(byTest(`role-${email}`).querySelector('.el-select__wrapper')!);
  // Each select renders its own dropdown; the one just opened is the last in the page.
  const option = [...document.querySelectorAll<HTMLElement>('.el-select-dropdown__item')].findLast(
    (item) => item.textContent?.trim() === label,
  );
  await click(option!);
}

describe('the accounts screen', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('tells in the footer how many accounts the filters match and how many are loaded', async () => {
    stubFetch(() => json({ items: [me, expert], nextCursor: 'next', total: 7 }));
    await mountView();
    expect(byTest('list-total').textContent?.trim()).toBe('共 7 条，已加载 2 条');
  });

  it('does not let organizers change their own role or disable themselves', async () => {
    stubFetch(() => json({ items: [me, expert], nextCursor: null, total: 2 }));
    await mountView();
    expect(byTest('role-admin@saishi.demo').querySelector('.is-disabled')).not.toBeNull();
    expect(byTest('role-expert@saishi.demo').querySelector('.is-disabled')).toBeNull();
    const switches = document.querySelectorAll<HTMLInputElement>('[data-test="users-table"] .el-switch input');
    expect(switches[0]!.disabled).toBe(true);
    expect(switches[1]!.disabled).toBe(false);
  });

  it('says what a role change does and to whom before making it', async () => {
    const { requests } = stubFetch((request) =>
      request.method === 'PATCH'
        ? json({ ...expert, role: 'participant' })
        : json({ items: [me, expert], nextCursor: null, total: 2 }),
    );
    await mountView();
    await pickRole('expert@saishi.demo', '参赛者');
    const said = await answerBox(false);
    expect(said).toContain('将“李专家”的角色从“评审专家”改为“参赛者”');
    expect(requests().some((request) => request.method === 'PATCH')).toBe(false);

    await pickRole('expert@saishi.demo', '参赛者');
    await answerBox(true);
    const patch = requests().find((request) => request.method === 'PATCH')!;
    expect(new URL(patch.url).pathname).toBe('/api/v1/users/u2');
    expect(await patch.json()).toEqual({ role: 'participant' });
    await vi.waitFor(() => expect(pageText()).toContain('“李专家”的角色已改为参赛者'));
  });

  it('shows contacts masked and opens the reveal dialog, which asks the reason, from a row', async () => {
    const masked = { ...expert, email: 'e****@saishi.demo', mobile: '138****0001' };
    stubFetch(() => json({ items: [masked], nextCursor: null, total: 1 }));
    await mountView();
    expect(byTest('users-table').textContent).toContain('138****0001');
    await click(byTest('reveal-u2'));
    expect(byTest('reveal-dialog').textContent).toContain('查看原因');
    expect(pageText()).toContain('查看 李专家 的联系方式');
  });
});
