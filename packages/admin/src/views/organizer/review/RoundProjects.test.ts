import ElementPlus from 'element-plus';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { makeI18n } from '../../../i18n';
import RoundProjects from './RoundProjects.vue';

describe("the round's projects", () => {
  it('names the group that advanced a project, with a two-decimal result, and counts its scores', async () => {
    const projects = [
      {
        projectId: 'p1',
        title: '城市内涝风险预测模型',
        advancedWith: { group: 'society|data_product', rank: 1, result: 87.456 },
        assigned: 5,
        submitted: 3,
      },
    ];
    for (const [locale, expected] of [
      ['zh-CN', ['社会赛道 · 数据产品 #1 (87.46)', '已提交 3 / 5']],
      ['en', ['Society track · Data product #1 (87.46)', '3 of 5 submitted']],
    ] as const) {
      const wrapper = mount(RoundProjects, {
        props: { projects, final: true } as never,
        global: { plugins: [makeI18n(locale), ElementPlus] },
        attachTo: document.body,
      });
      await flushPromises();
      const text = wrapper.text();
      for (const part of expected) expect(text).toContain(part);
      expect(text).not.toContain('society');
      wrapper.unmount();
    }
  });
});
