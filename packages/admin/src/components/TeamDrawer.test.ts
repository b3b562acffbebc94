import ElementPlus from 'element-plus';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeI18n } from '../i18n';
import { useEditionStore } from '../stores/edition';
import TeamDrawer from './TeamDrawer.vue';

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
const team = {
  id: 't1',
  name: '漓江算法实验室',
  trackCode: 'university',
  entrantKind: 'units',
  qualificationStatus: 'draft',
  units: [],
  members: [],
  hasCommitmentLetter: false,
  pledgeAcceptedAt: null,
  flaggedAt: null,
  flagReason: null,
  missing: [
    { code: 'COMMITMENT_LETTER_REQUIRED', ruleId: 'R-ALL-3', path: '/commitmentLetter', params: {} },
    { code: 'STUDENT_PROOF_REQUIRED', ruleId: 'R-UNI-1', path: '/members/0', params: { userId: 'u1' } },
    { code: 'TEAM_SIZE_EXCEEDED', ruleId: 'R-UNI-2', path: '/members', params: { max: 5, track: 'university' } },
    { code: 'SOMETHING_NEW', ruleId: null, path: '/x', params: {} },
  ],
  createdAt: '2024-07-01T02:00:00.000Z',
  updatedAt: '2024-07-01T02:00:00.000Z',
};

async function mountDrawer(locale: 'zh-CN' | 'en') {
  const pinia = createPinia();
  setActivePinia(pinia);
  useEditionStore().timeline = { timeZone: 'Asia/Shanghai' } as never;
  mount(TeamDrawer, {
    props: { teamId: 't1' },
    global: { plugins: [pinia, makeI18n(locale), ElementPlus] },
    attachTo: document.body,
  });
  await flushPromises();
  const missing = document.querySelector('[data-test="team-missing"]');
  expect(missing).not.toBeNull();
  return [...missing!.querySelectorAll('.el-tag')].map((tag) => tag.textContent?.trim());
}

describe('the team drawer', () => {
  beforeEach(() => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        const path = new URL(request.url).pathname;
        return json(path === '/api/v1/teams/t1' ? team : { items: [] });
      }),
    );
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('shows what a team still misses as the shared catalog message with its params and the rule id, not the raw code', async () => {
    expect(await mountDrawer('zh-CN')).toEqual([
      '请上传签署的参赛承诺书 (R-ALL-3)',
      '学生成员须提供学号和学生证 (R-UNI-1)',
      '团队人数已达上限（5 人） (R-UNI-2)',
      'SOMETHING_NEW',
    ]);
  });

  it('shows them in English when the interface is in English', async () => {
    expect((await mountDrawer('en'))[0]).toBe('Upload the signed commitment letter (R-ALL-3)');
  });
});
