import ElementPlus from 'element-plus';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { makeI18n } from '../i18n';
import { useEditionStore } from '../stores/edition';
import { byTest, json } from '../test/dom';
import ProjectDrawer from './ProjectDrawer.vue';

const project = {
  id: 'p1',
  editionId: 'e1',
  teamId: 't1',
  teamName: '漓江算法实验室',
  track: 'university',
  title: '气象数据融合预警',
  summary: '……',
  direction: 'data_modeling',
  category: 'modeling',
  publicComponentKind: null,
  topicScope: 'single',
  topics: [
    { id: 'tp1', title: '暴雨预警', fieldCode: 'meteorological_services' },
    { id: 'tp2', title: '台风路径', fieldCode: 'meteorological_services' },
  ],
  dataSources: [],
  benefitProof: null,
  technology: { privacyComputing: true, dataSandbox: false, blockchain: false, domesticTechnology: true, notes: '' },
  completeBeforeNationalFinal: true,
  completionDeclared: true,
  files: [],
  latestVersion: 1,
  status: 'submitted',
  mayEnterNationalFinal: true,
  editable: 'none',
  firstSubmittedAt: '2024-07-01T02:00:00.000Z',
  lastSubmittedAt: '2024-07-01T02:00:00.000Z',
  createdAt: '2024-07-01T02:00:00.000Z',
  updatedAt: '2024-07-01T02:00:00.000Z',
};
const team = {
  id: 't1',
  members: [
    { userId: 'u1', displayName: '韦队长', role: 'leader' },
    { userId: 'u2', displayName: '覃队员', role: 'member' },
  ],
};

async function mountDrawer() {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const path = new URL(request.url).pathname;
      if (path === '/api/v1/projects/p1') return json(project);
      if (path === '/api/v1/teams/t1') return json(team);
      return json({ items: [], nextCursor: null, total: 0 });
    }),
  );
  const pinia = createPinia();
  setActivePinia(pinia);
  const store = useEditionStore();
  store.timeline = { timeZone: 'Asia/Shanghai' } as never;
  store.fields = [{ code: 'meteorological_services', nameZh: '气象服务', nameEn: 'Meteorological services' }] as never;
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/qualification', name: 'qualification', component: { template: '<div />' } }],
  });
  mount(ProjectDrawer, {
    props: { projectId: 'p1' },
    global: { plugins: [pinia, router, makeI18n('zh-CN'), ElementPlus] },
    attachTo: document.body,
  });
  await flushPromises();
}

describe('the project drawer', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('names the fields of its topics once, in the page’s language', async () => {
    await mountDrawer();
    expect(byTest('project-fields').textContent).toBe('气象服务');
  });

  it('lists the team’s members with their roles and links to the team', async () => {
    await mountDrawer();
    const members = byTest('project-members').textContent ?? '';
    expect(members).toContain('韦队长');
    expect(members).toContain('队长');
    expect(members).toContain('覃队员');
    expect(byTest<HTMLAnchorElement>('project-team-link').getAttribute('href')).toBe('/qualification?team=t1');
  });

  it('shows the team’s declarations in words, not codes', async () => {
    await mountDrawer();
    const declarations = byTest('project-declarations').textContent ?? '';
    expect(declarations).toContain('国赛前完成研发与应用');
    expect(declarations).toContain('隐私计算');
    expect(declarations).toContain('国产化自主研发技术/平台');
    expect(declarations).not.toContain('数据沙箱');
    expect(declarations).not.toMatch(/privacyComputing|domesticTechnology/);
  });
});
