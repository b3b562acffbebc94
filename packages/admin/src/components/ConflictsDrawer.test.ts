import { creditCodeCheckCharacter } from '@saishi/shared';
import ElementPlus from 'element-plus';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeI18n } from '../i18n';
import { answerBox, byTest, click, inputOf, json, messageBox, stubFetch, type } from '../test/dom';
import ConflictsDrawer from './ConflictsDrawer.vue';

const first17 = '91450100MA5N00017';
const validCode = `${first17}${creditCodeCheckCharacter(first17)}`;
const wrongCode = `${first17}${creditCodeCheckCharacter(first17) === '0' ? '1' : '0'}`;
const conflict = {
  id: 'c1',
  expertId: 'e1',
  kind: 'unit',
  subjectId: null,
  creditCode: validCode,
  reason: '曾在该单位任职',
  subjectName: null,
  declaredBy: 'e1',
  createdAt: '2024-08-20T02:00:00.000Z',
  status: 'pending',
  reviewNote: null,
  reviewedAt: null,
  withdrawnAt: null,
  withdrawalReason: null,
};

async function mountDrawer() {
  mount(ConflictsDrawer, {
    props: { expertId: 'e1', title: '专家' },
    global: { plugins: [createPinia(), makeI18n('zh-CN'), ElementPlus] },
    attachTo: document.body,
  });
  await flushPromises();
}

const rows = () => byTest('conflicts-drawer').querySelectorAll('.el-table__body tr');
const creditCodeItem = () => inputOf('conflict-credit-code').closest('.el-form-item')!;

describe('the conflict declaration', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('warns about a wrong credit code check character with the shared rule (R-SOC-1) and sends nothing', async () => {
    const { fetchMock } = stubFetch(() => json({ items: [] }));
    await mountDrawer();
    await type(inputOf('conflict-credit-code'), wrongCode);
    await vi.waitFor(() => expect(creditCodeItem().textContent).toContain('R-SOC-1'));
    await click(byTest('conflict-declare'));
    expect(fetchMock).toHaveBeenCalledTimes(1); // the initial list only
  });

  it('declares a unit conflict by credit code and lists it', async () => {
    let declared = false;
    const { requests } = stubFetch((request) => {
      if (request.method === 'POST') {
        declared = true;
        return json(conflict, 201);
      }
      return json({ items: declared ? [conflict] : [] });
    });
    await mountDrawer();
    expect(rows()).toHaveLength(0);
    await type(inputOf('conflict-credit-code'), validCode.toLowerCase());
    await type(byTest('conflicts-drawer').querySelector('textarea')!, '曾在该单位任职');
    await click(byTest('conflict-declare'));
    const post = requests().find((request) => request.method === 'POST')!;
    expect(new URL(post.url).pathname).toBe('/api/v1/experts/e1/conflicts');
    expect(await post.json()).toEqual({ kind: 'unit', creditCode: validCode, reason: '曾在该单位任职' });
    expect(rows()).toHaveLength(1);
    expect(rows()[0]!.textContent).toContain(validCode);
    expect(document.body.textContent).toContain('回避已登记');
  });

  it('lists a conflict by name with its status, and withdraws it with a reason', async () => {
    const named = { ...conflict, kind: 'team', subjectId: 't1', creditCode: null, subjectName: '智慧水务攻关队' };
    let withdrawn = false;
    const { requests } = stubFetch((request) => {
      if (request.method === 'POST') {
        withdrawn = true;
        return json({ ...named, withdrawnAt: '2024-08-21T02:00:00.000Z', withdrawalReason: '误选' });
      }
      return json({
        items: [withdrawn ? { ...named, withdrawnAt: '2024-08-21T02:00:00.000Z', withdrawalReason: '误选' } : named],
      });
    });
    await mountDrawer();
    expect(rows()[0]!.textContent).toContain('智慧水务攻关队');
    expect(rows()[0]!.textContent).toContain('待审核');
    await click(byTest('conflict-withdraw', rows()[0]));
    const box = await vi.waitFor(() => messageBox()!);
    await type(box.querySelector('textarea')!, '误选');
    await answerBox(true);
    const post = requests().find((request) => request.method === 'POST')!;
    expect(new URL(post.url).pathname).toBe('/api/v1/experts/e1/conflicts/c1/withdraw');
    expect(await post.json()).toEqual({ reason: '误选' });
    await vi.waitFor(() => expect(rows()[0]!.textContent).toContain('已撤回'));
  });
});
