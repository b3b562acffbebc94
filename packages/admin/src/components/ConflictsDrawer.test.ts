import { creditCodeCheckCharacter } from '@saishi/shared';
import ElementPlus from 'element-plus';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeI18n } from '../i18n';
import ConflictsDrawer from './ConflictsDrawer.vue';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
type DrawerState = {
  form: { kind: string; creditCode: string; reason: string };
  creditCodeWarning: string;
  declare(): Promise<void>;
  conflicts: unknown[];
};
const first17 = '91450100MA5N00017';
const validCode = `${first17}${creditCodeCheckCharacter(first17)}`;

describe('the conflict declaration', () => {
  let fetchMock: ReturnType<typeof vi.fn<(request: Request) => Promise<Response>>>;
  beforeEach(() => {
    fetchMock = vi.fn<(request: Request) => Promise<Response>>();
    fetchMock.mockResolvedValueOnce(json(200, { items: [] }));
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  async function mountDrawer() {
    const wrapper = mount(ConflictsDrawer, {
      props: { expertId: 'e1', title: '专家' },
      global: { plugins: [createPinia(), makeI18n('zh-CN'), ElementPlus] },
      attachTo: document.body,
    });
    await flushPromises();
    return wrapper.vm as unknown as DrawerState;
  }

  it('warns about a wrong credit code check character with the shared rule (R-SOC-1) and sends nothing', async () => {
    const state = await mountDrawer();
    state.form.creditCode = `${first17}${creditCodeCheckCharacter(first17) === '0' ? '1' : '0'}`;
    await flushPromises();
    expect(state.creditCodeWarning).toContain('R-SOC-1');
    await state.declare();
    expect(fetchMock).toHaveBeenCalledTimes(1); // the initial list only
  });

  it('declares a unit conflict by credit code and lists it', async () => {
    const state = await mountDrawer();
    state.form.creditCode = validCode.toLowerCase();
    state.form.reason = '曾在该单位任职';
    const conflict = {
      id: 'c1',
      expertId: 'e1',
      kind: 'unit',
      subjectId: null,
      creditCode: validCode,
      reason: '曾在该单位任职',
      declaredBy: 'e1',
      createdAt: '2024-08-20T02:00:00.000Z',
    };
    fetchMock.mockResolvedValueOnce(json(201, conflict)).mockResolvedValueOnce(json(200, { items: [conflict] }));
    await state.declare();
    await flushPromises();
    const request = fetchMock.mock.calls[1]![0];
    expect(new URL(request.url).pathname).toBe('/api/v1/experts/e1/conflicts');
    expect(await request.json()).toEqual({ kind: 'unit', creditCode: validCode, reason: '曾在该单位任职' });
    expect(state.conflicts).toHaveLength(1);
  });
});
