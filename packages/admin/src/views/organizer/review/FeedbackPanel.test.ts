import ElementPlus from 'element-plus';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeI18n } from '../../../i18n';
import {
  answerBox,
  byTest,
  choose,
  click,
  json,
  messageBox,
  pageText,
  queryTest,
  stubFetch,
  type,
} from '../../../test/dom';
import FeedbackPanel from './FeedbackPanel.vue';

// Feedback to teams (issue 15.5): a closed round's feedback published once at a visibility, then
// changed only with a reason; nothing is sent before the organizer confirms.

const round = {
  id: 'r1',
  editionId: 'e1',
  kind: 'preliminary' as const,
  status: 'closed' as const,
  expertsPerProject: 3,
  normalize: false,
  spreadMeasure: 'range' as const,
  spreadThreshold: 15,
  confidenceWeighting: false,
  openedAt: '2024-08-16T02:00:00.000Z',
  closedAt: '2024-08-30T10:00:00.000Z',
};
const published = (visibility: string) => ({
  roundId: 'r1',
  visibility,
  publishedAt: '2024-09-01T02:00:00.000Z',
  projects: 42,
});

/** The feedback API; `state` holds what is published (null before). */
function stubApi(initially: string | null, failWith?: object) {
  let state = initially;
  return stubFetch(async (request) => {
    if (request.method === 'GET')
      return state
        ? json(published(state))
        : json({ status: 404, code: 'FEEDBACK_NOT_PUBLISHED', detail: '本轮反馈尚未发布' }, 404);
    if (failWith) return json(failWith, 409);
    const body = (await request.clone().json()) as { visibility: string };
    state = body.visibility;
    return json(published(state), request.method === 'POST' ? 201 : 200);
  });
}

async function mountPanel() {
  setActivePinia(createPinia());
  mount(FeedbackPanel, {
    props: { round, roundName: '初赛', projects: 42 },
    global: { plugins: [makeI18n('zh-CN'), ElementPlus] },
    attachTo: document.body,
  });
  await flushPromises();
}

const sent = (requests: () => Request[], method: string) => requests().filter((request) => request.method === method);

describe("a closed round's feedback to teams", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('publishes at the chosen visibility after saying who is told what', async () => {
    const { requests } = stubApi(null);
    await mountPanel();
    expect(queryTest('feedback-state')).toBeNull();
    expect(queryTest('feedback-change')).toBeNull();
    await choose('结果、排名与各位专家的分数（专家匿名编号）', byTest('feedback-visibility'));
    await click(byTest('feedback-publish'));
    const said = await answerBox(false);
    expect(said).toContain('本轮 42 个作品的团队成员都会收到结果通知');
    expect(said).toContain('结果、排名与各位专家的分数');
    expect(sent(requests, 'POST')).toHaveLength(0);

    await click(byTest('feedback-publish'));
    await answerBox(true);
    const [post] = sent(requests, 'POST');
    expect(new URL(post!.url).pathname).toBe('/api/v1/review-rounds/r1/feedback');
    expect(await post!.json()).toEqual({ visibility: 'scores' });
    expect(pageText()).toContain('已向 42 个作品的团队发布反馈');
    expect(byTest('feedback-state').textContent).toContain('当前可见内容：结果、排名与各位专家的分数');
    expect(queryTest('feedback-publish')).toBeNull();
  });

  it('changes the visibility afterwards only with a reason', async () => {
    const { requests } = stubApi('status');
    await mountPanel();
    expect(byTest('feedback-state').textContent).toContain('当前可见内容：仅结果');
    // The same visibility: nothing to change, nothing asked or sent.
    await click(byTest('feedback-change'));
    expect(pageText()).toContain('请选择与当前不同的可见内容');
    expect(messageBox()).toBeNull();

    await choose('另加专家评语（匿名）', byTest('feedback-visibility'));
    await click(byTest('feedback-change'));
    const box = await vi.waitFor(() => messageBox()!);
    expect(box.textContent).toContain('团队可见内容将从“仅结果（是否晋级/获奖）”改为“另加专家评语（匿名）”');
    await type(box.querySelector('textarea')!, '评审委员会同意向团队公开匿名评语');
    await answerBox(true);
    const [patch] = sent(requests, 'PATCH');
    expect(new URL(patch!.url).pathname).toBe('/api/v1/review-rounds/r1/feedback');
    expect(await patch!.json()).toEqual({ visibility: 'comments', reason: '评审委员会同意向团队公开匿名评语' });
    await vi.waitFor(() => expect(byTest('feedback-state').textContent).toContain('当前可见内容：另加专家评语'));
  });

  it('does not change without a reason', async () => {
    const { requests } = stubApi('status');
    await mountPanel();
    await choose('另加专家评语（匿名）', byTest('feedback-visibility'));
    await click(byTest('feedback-change'));
    const box = await vi.waitFor(() => messageBox()!);
    const buttons = [...box.querySelectorAll<HTMLButtonElement>('.el-message-box__btns button')];
    await click(buttons.at(-1)!);
    await vi.waitFor(() => expect(box.textContent).toContain('必填'));
    expect(sent(requests, 'PATCH')).toHaveLength(0);
    await answerBox(false);
    expect(sent(requests, 'PATCH')).toHaveLength(0);
  });

  it("shows the API's reason when the outcome is not decided yet", async () => {
    stubApi(null, { status: 409, code: 'ADVANCEMENT_NOT_DECIDED', detail: '初赛晋级名单尚未确定' });
    await mountPanel();
    await click(byTest('feedback-publish'));
    await answerBox(true);
    await vi.waitFor(() => expect(pageText()).toContain('初赛晋级名单尚未确定'));
    expect(queryTest('feedback-state')).toBeNull();
    expect(queryTest('feedback-publish')).not.toBeNull();
  });
});
