import ElementPlus from 'element-plus';
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeI18n } from '../i18n';
import { byTest, click, inputOf, json, pageText, queryTest, stubFetch, type } from '../test/dom';
import RevealContactDialog from './RevealContactDialog.vue';

// Issue 19.5: an organizer unmasks a person's contact only after saying why; the API logs it.

const STUDENT = { id: '6b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e', displayName: '欧阳修远' };

async function mountDialog() {
  mount(RevealContactDialog, {
    props: { user: STUDENT },
    global: { plugins: [makeI18n('zh-CN'), ElementPlus] },
    attachTo: document.body,
  });
  await flushPromises();
}

describe('the reveal-contact dialog', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('asks the reason first, sends it, and only then shows the contact unmasked', async () => {
    const { requests } = stubFetch(() =>
      json({ userId: STUDENT.id, displayName: STUDENT.displayName, email: 'ouyang@gxu.edu.cn', mobile: '13800000001' }),
    );
    await mountDialog();
    expect(pageText()).toContain('查看 欧阳修远 的联系方式');
    expect(queryTest('reveal-result')).toBeNull();
    expect(byTest('reveal-submit').hasAttribute('disabled')).toBe(true);
    await type(inputOf('reveal-reason'), '核实');
    expect(byTest('reveal-submit').hasAttribute('disabled')).toBe(true);
    await type(inputOf('reveal-reason'), '核实学生证信息');
    await click(byTest('reveal-submit'));
    const [sent] = requests();
    expect(new URL(sent!.url).pathname).toBe(`/api/v1/users/${STUDENT.id}/contact/reveal`);
    expect(await sent!.clone().json()).toEqual({ reason: '核实学生证信息' });
    expect(byTest('reveal-result').textContent).toContain('13800000001');
    expect(byTest('reveal-result').textContent).toContain('ouyang@gxu.edu.cn');
  });

  it('shows nothing unmasked when the organizer lacks the right (403)', async () => {
    stubFetch(() =>
      json(
        {
          status: 403,
          code: 'PERSONAL_DATA_RIGHT_REQUIRED',
          detail: '查看或导出未脱敏的个人信息需要“个人信息查看”权限（personalData.view），请联系平台管理员授权',
        },
        403,
      ),
    );
    await mountDialog();
    await type(inputOf('reveal-reason'), '核实学生证信息');
    await click(byTest('reveal-submit'));
    expect(queryTest('reveal-result')).toBeNull();
    expect(pageText()).not.toContain('13800000001');
  });
});
