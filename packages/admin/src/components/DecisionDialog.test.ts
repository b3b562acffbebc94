import ElementPlus from 'element-plus';
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeI18n } from '../i18n';
import { button, byTest, choose, click, inputOf, json, pageText, stubFetch, type } from '../test/dom';
import DecisionDialog from './DecisionDialog.vue';

const teams = [
  { id: 't1', name: '智慧物流数据联合体' },
  { id: 't2', name: '漓江算法实验室' },
];

async function mountDialog(chosen: typeof teams) {
  const wrapper = mount(DecisionDialog, {
    props: { teams: chosen },
    global: { plugins: [makeI18n('zh-CN'), ElementPlus] },
    attachTo: document.body,
  });
  await flushPromises();
  return wrapper;
}

const dialogOpen = () =>
  byTest('decision-dialog').closest('.el-overlay')?.getAttribute('style')?.includes('display: none') !== true;

describe('the qualification decision dialog', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('says what the decision does to which teams before it is made', async () => {
    stubFetch();
    await mountDialog(teams);
    expect(byTest('decision-consequence').textContent).toContain('以下 2 个团队将通过资格审核');
    expect(byTest('decision-teams').textContent).toContain('漓江算法实验室');
    await choose('不通过');
    expect(byTest('decision-consequence').textContent).toContain('以下 2 个团队将不通过资格审核');
    expect(button('不通过（2）')).toBeTruthy();
  });

  it('requires a reason to return or reject, before calling the API', async () => {
    const { fetchMock } = stubFetch();
    await mountDialog(teams.slice(1));
    await choose('退回修改');
    await click(button('退回（1）'));
    await vi.waitFor(() => expect(pageText()).toContain('不通过或退回时必须填写原因')); // shown after a short debounce
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('sends one decision with its reason and reports the updated team', async () => {
    const { requests } = stubFetch(() => json({ id: 't2', name: '漓江算法实验室', qualificationStatus: 'returned' }));
    const wrapper = await mountDialog(teams.slice(1));
    await choose('退回修改');
    await type(inputOf('decision-reason'), '请补充学生证');
    await click(button('退回（1）'));
    const [request] = requests();
    expect(new URL(request!.url).pathname).toBe('/api/v1/teams/t2/qualification');
    expect(await request!.json()).toEqual({ decision: 'return', reason: '请补充学生证' });
    expect(wrapper.emitted('decided')![0]![0]).toEqual([
      { id: 't2', name: '漓江算法实验室', qualificationStatus: 'returned' },
    ]);
  });

  it('decides in bulk and stays open on the teams that failed, named with the catalog message', async () => {
    const { requests } = stubFetch(() =>
      json({
        results: [
          { teamId: 't1', ok: true, status: 'approved', code: null, ruleId: null },
          { teamId: 't2', ok: false, status: null, code: 'QUALIFICATION_REASON_REQUIRED', ruleId: null },
        ],
      }),
    );
    const wrapper = await mountDialog(teams);
    await click(button('通过（2）'));
    expect(await requests()[0]!.json()).toEqual({ teamIds: ['t1', 't2'], decision: 'approve' });
    expect(dialogOpen()).toBe(true);
    const failure = byTest('decision-failure').textContent ?? '';
    expect(failure).toContain('漓江算法实验室');
    expect(failure).toContain('驳回或退回须填写理由');
    expect(failure).not.toContain('QUALIFICATION_REASON_REQUIRED');
    expect(wrapper.emitted('decided')![0]![1]).toHaveLength(2);
  });

  it('keeps the decision and the reason when the API refuses, with its message on the page', async () => {
    stubFetch(() => json({ status: 409, code: 'CONFLICT', detail: '团队未提交审核' }, 409));
    const wrapper = await mountDialog(teams.slice(0, 1));
    await choose('不通过');
    await type(inputOf('decision-reason'), '材料不实');
    await click(button('不通过（1）'));
    expect(dialogOpen()).toBe(true);
    expect((byTest('decision').querySelector('input:checked') as HTMLInputElement).value).toBe('reject');
    expect(inputOf('decision-reason').value).toBe('材料不实');
    expect(wrapper.emitted('decided')).toBeUndefined();
    expect(pageText()).toContain('团队未提交审核');
  });
});
