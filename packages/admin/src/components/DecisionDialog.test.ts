import ElementPlus from 'element-plus';
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeI18n } from '../i18n';
import DecisionDialog from './DecisionDialog.vue';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
type DialogState = {
  form: { decision: string; reason: string };
  reasonError: string;
  submit(): Promise<void>;
  outcomes: unknown[] | null;
  open: boolean;
};

function mountDialog(teamIds: string[]) {
  const wrapper = mount(DecisionDialog, {
    props: { teamIds },
    global: { plugins: [makeI18n('zh-CN'), ElementPlus] },
    attachTo: document.body,
  });
  return { wrapper, state: wrapper.vm as unknown as DialogState };
}

describe('the qualification decision dialog', () => {
  let fetchMock: ReturnType<typeof vi.fn<(request: Request) => Promise<Response>>>;
  beforeEach(() => {
    fetchMock = vi.fn<(request: Request) => Promise<Response>>();
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('requires a reason to return or reject, before calling the API', async () => {
    const { state } = mountDialog(['t1']);
    state.form.decision = 'return';
    await state.submit();
    expect(state.reasonError).toBe('不通过或退回时必须填写原因');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('sends one decision with its reason and reports the updated team', async () => {
    fetchMock.mockResolvedValueOnce(json(200, { id: 't1', qualificationStatus: 'returned' }));
    const { wrapper, state } = mountDialog(['t1']);
    state.form.decision = 'return';
    state.form.reason = '请补充学生证';
    await state.submit();
    await flushPromises();
    const request = fetchMock.mock.calls[0]![0];
    expect(new URL(request.url).pathname).toBe('/api/v1/teams/t1/qualification');
    expect(await request.json()).toEqual({ decision: 'return', reason: '请补充学生证' });
    expect(wrapper.emitted('decided')![0]![0]).toEqual([{ id: 't1', qualificationStatus: 'returned' }]);
  });

  it('decides in bulk and stays open on the teams that failed, with their rule', async () => {
    fetchMock.mockResolvedValueOnce(
      json(200, {
        results: [
          { teamId: 't1', ok: true, status: 'approved', code: null, ruleId: null },
          { teamId: 't2', ok: false, status: null, code: 'TEAM_NOT_SUBMITTED', ruleId: null },
        ],
      }),
    );
    const { wrapper, state } = mountDialog(['t1', 't2']);
    await state.submit();
    await flushPromises();
    expect(await fetchMock.mock.calls[0]![0].json()).toEqual({ teamIds: ['t1', 't2'], decision: 'approve' });
    expect(state.open).toBe(true);
    expect(document.body.textContent).toContain('TEAM_NOT_SUBMITTED');
    expect(wrapper.emitted('decided')![0]![1]).toHaveLength(2);
  });

  it('keeps the decision and the reason when the API refuses', async () => {
    fetchMock.mockResolvedValueOnce(json(409, { status: 409, code: 'TEAM_NOT_SUBMITTED', detail: '团队未提交审核' }));
    const { wrapper, state } = mountDialog(['t1']);
    state.form.decision = 'reject';
    state.form.reason = '材料不实';
    await state.submit();
    await flushPromises();
    expect(state.open).toBe(true);
    expect(state.form).toEqual({ decision: 'reject', reason: '材料不实' });
    expect(wrapper.emitted('decided')).toBeUndefined();
    expect(document.body.textContent).toContain('团队未提交审核');
  });
});
