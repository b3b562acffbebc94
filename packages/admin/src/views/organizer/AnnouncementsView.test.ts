import ElementPlus from 'element-plus';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeI18n } from '../../i18n';
import { useEditionStore } from '../../stores/edition';
import { answerBox, byTest, choose, click, inputOf, json, pageText, queryTest, stubFetch, type } from '../../test/dom';
import AnnouncementsView from './AnnouncementsView.vue';

// The organizers' announcements screen (issue 15.4): drafts and published ones of the edition,
// written with a preview rendered as the public page renders it, pinned, published, attached to,
// and deleted only after saying what goes with it.

const DRAFT_ID = '5a1d8c2e-3b4f-4e6a-8d7c-9b0a1f2e3d4c';
const PUBLISHED_ID = '6b2e9d3f-4c5a-4f7b-9e8d-0c1b2a3f4e5d';
const FILE_ID = '7c3f0e4a-5d6b-4a8c-8f9e-1d2c3b4a5f6e';
const published = {
  id: PUBLISHED_ID,
  editionId: '11111111-1111-4111-8111-111111111111',
  titleZh: '关于初赛评审安排的通知',
  titleEn: 'About the preliminary review',
  bodyZh: '初赛评审将于 8 月 16 日开始。',
  bodyEn: 'The preliminary review starts on 16 August.',
  pinned: true,
  publishedAt: '2024-08-10T10:00:00.000+08:00',
  updatedAt: '2024-08-10T10:00:00.000+08:00',
  attachments: [
    {
      fileId: FILE_ID,
      name: '评审细则.pdf',
      mimeType: 'application/pdf',
      sizeBytes: 2048,
      sha256: 'ab'.repeat(32),
    },
  ],
};
const draft = {
  ...published,
  id: DRAFT_ID,
  titleZh: '决赛地点变更',
  titleEn: null,
  bodyZh: '决赛改在南宁举行。',
  bodyEn: null,
  pinned: false,
  publishedAt: null,
  attachments: [],
};

/** The API as the screen meets it: answers by method and path; everything asked is recorded. */
function stubApi(items: object[] = [published, draft]) {
  return stubFetch(async (request) => {
    const path = new URL(request.url).pathname;
    if (request.method === 'GET' && path === '/api/v1/editions/2024-guangxi/announcements')
      return json({ items, nextCursor: null });
    if (request.method === 'POST' && path === '/api/v1/editions/2024-guangxi/announcements') {
      const body = (await request.clone().json()) as { published?: boolean };
      return json({ ...draft, ...body, publishedAt: body.published ? published.publishedAt : null }, 201);
    }
    if (request.method === 'POST' && path === `/api/v1/announcements/${DRAFT_ID}/attachments`)
      return json({ ...draft, attachments: [{ ...published.attachments[0], name: '场地示意图.png' }] }, 201);
    if (request.method === 'PATCH') {
      const body = (await request.clone().json()) as { published?: boolean };
      const base = path.endsWith(DRAFT_ID) ? draft : published;
      return json({ ...base, ...body, publishedAt: body.published ? published.publishedAt : base.publishedAt });
    }
    if (request.method === 'GET' && path === `/api/v1/announcements/${PUBLISHED_ID}/attachments/${FILE_ID}`)
      return new Response('%PDF-1.4', { headers: { 'Content-Type': 'application/pdf' } });
    if (request.method === 'DELETE') return json(null, 204);
    return json({ status: 404, code: 'NOT_FOUND', detail: 'not here' }, 404);
  });
}

async function mountView(locale: 'zh-CN' | 'en' = 'zh-CN') {
  const pinia = createPinia();
  setActivePinia(pinia);
  useEditionStore().edition = { code: '2024-guangxi', name: '2024 广西', timeZone: 'Asia/Shanghai' } as never;
  mount(AnnouncementsView, { global: { plugins: [pinia, makeI18n(locale), ElementPlus] }, attachTo: document.body });
  await flushPromises();
}

const rows = () => [...byTest('announcements-list').querySelectorAll<HTMLElement>('.el-table__row')];
const sent = (requests: () => Request[], method: string) => requests().filter((request) => request.method === method);
/** Chooses a file in the dialog's upload button, as a person picks one. */
function chooseFile(name: string): void {
  const input = byTest('announcement-upload').querySelector<HTMLInputElement>('input[type="file"]')!;
  const file = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], name, { type: 'image/png' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  input.dispatchEvent(new Event('change', { bubbles: true }));
}
const dialogErrors = () =>
  [...byTest('announcement-dialog').querySelectorAll('.el-form-item__error')].map((e) => e.textContent).join(' ');

describe('the announcements screen', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it("lists the edition's announcements with drafts, pinned ones marked, each one's state", async () => {
    const { requests } = stubApi();
    await mountView();
    const url = new URL(requests()[0]!.url);
    expect(url.pathname).toBe('/api/v1/editions/2024-guangxi/announcements');
    expect(url.searchParams.get('drafts')).toBe('true');
    const [first, second] = rows();
    expect(first!.textContent).toContain('置顶');
    expect(first!.textContent).toContain('关于初赛评审安排的通知');
    expect(first!.textContent).toContain('About the preliminary review');
    expect(first!.textContent).toContain('发布于 2024');
    expect(first!.textContent).toContain('取消置顶');
    expect(first!.textContent).toContain('撤回为草稿');
    expect(second!.textContent).toContain('决赛地点变更');
    expect(second!.querySelector('[data-test="announcement-state"]')!.textContent).toBe('草稿');
    expect(second!.textContent).not.toContain('取消置顶');
  });

  it('says so when the edition has no announcement', async () => {
    stubApi([]);
    await mountView();
    expect(byTest('announcements-list').textContent).toContain('本赛事尚无公告');
  });

  it('writes an announcement with a live preview in either language, and uploads the files chosen once saved', async () => {
    const { requests } = stubApi([]);
    await mountView();
    await click(byTest('announcement-add'));
    expect(byTest('announcement-attach-later').textContent.trim()).toBe('所选附件将在保存公告时上传');
    // Nothing in Chinese: said under the fields, nothing sent.
    await click(byTest('announcement-save'));
    await vi.waitFor(() => expect(dialogErrors()).toContain('必填'), { timeout: 10_000 });
    expect(sent(requests, 'POST')).toHaveLength(0);

    await type(inputOf('announcement-title-zh'), '决赛地点变更');
    await type(inputOf('announcement-body-zh'), '决赛改在南宁举行。\n请提前安排行程。');
    await type(inputOf('announcement-title-en'), 'The final moves to Nanning');
    await click(byTest('announcement-pinned'));
    const preview = byTest('announcement-preview');
    expect(preview.querySelector('summary')!.textContent).toContain('置顶');
    expect(preview.querySelector('summary')!.textContent).toContain('决赛地点变更');
    expect(preview.querySelector('.body')!.textContent).toBe('决赛改在南宁举行。\n请提前安排行程。');
    await choose('English', preview);
    expect(preview.querySelector('summary')!.textContent).toContain('Pinned');
    expect(preview.querySelector('summary')!.textContent).toContain('The final moves to Nanning');
    // No English text: the public page falls back to the Chinese one, and so does the preview.
    expect(preview.querySelector('.body')!.textContent).toBe('决赛改在南宁举行。\n请提前安排行程。');
    // A file chosen before the announcement exists waits, listed, and nothing is sent yet.
    chooseFile('场地示意图.png');
    await vi.waitFor(() => expect(byTest('announcement-queued').textContent).toContain('待上传'));
    expect(sent(requests, 'POST')).toHaveLength(0);

    await click(byTest('announcement-save'));
    await vi.waitFor(() => expect(sent(requests, 'POST')).toHaveLength(2));
    const [post, upload] = sent(requests, 'POST');
    expect(new URL(upload!.url).pathname).toBe(`/api/v1/announcements/${DRAFT_ID}/attachments`);
    expect(new URL(post!.url).pathname).toBe('/api/v1/editions/2024-guangxi/announcements');
    expect(await post!.json()).toEqual({
      titleZh: '决赛地点变更',
      titleEn: 'The final moves to Nanning',
      bodyZh: '决赛改在南宁举行。\n请提前安排行程。',
      bodyEn: null,
      pinned: true,
      published: false,
    });
    expect(pageText()).toContain('已创建公告“决赛地点变更”');
    await vi.waitFor(() => expect(pageText()).toContain('已上传附件 场地示意图.png'));
    expect(queryTest('announcement-queued')).toBeNull();
    expect(byTest('announcement-attachments').textContent).toContain('场地示意图.png');
    // Still open, now as the saved one: more files can be attached.
    expect(queryTest('announcement-attach-later')).toBeNull();
    expect(byTest('announcement-upload').textContent).toContain('上传附件');
  });

  it('uploads an attachment to a saved announcement and removes one', async () => {
    const { requests } = stubApi();
    await mountView();
    await click(rows()[1]!.querySelector('[data-test="announcement-edit"]')!);
    chooseFile('场地示意图.png');
    await vi.waitFor(() => expect(byTest('announcement-attachments').textContent).toContain('场地示意图.png'));
    const upload = sent(requests, 'POST').at(-1)!;
    expect(new URL(upload.url).pathname).toBe(`/api/v1/announcements/${DRAFT_ID}/attachments`);
    // (The test's FormData parser reads multipart names as Latin-1; the bytes are what matter here.)
    expect(((await upload.formData()).get('file') as File).size).toBe(4);
    expect(pageText()).toContain('已上传附件 场地示意图.png');

    await click(byTest('announcement-file-remove'));
    const [removal] = sent(requests, 'DELETE');
    expect(new URL(removal!.url).pathname).toBe(`/api/v1/announcements/${DRAFT_ID}/attachments/${FILE_ID}`);
    expect(byTest('announcement-attachments').textContent).toContain('暂无附件');
  });

  it('downloads an attachment from the preview with the session, as a draft’s files are not public', async () => {
    const { requests } = stubApi();
    const saved: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      if (this.href.startsWith('blob:')) saved.push(this.download);
    });
    URL.createObjectURL = vi.fn(() => 'blob:saishi/attachment');
    URL.revokeObjectURL = vi.fn();
    await mountView();
    await click(rows()[0]!.querySelector('[data-test="announcement-edit"]')!);
    const link = byTest('announcement-preview').querySelector<HTMLAnchorElement>('[data-test="announcement-file"]')!;
    link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    await vi.waitFor(() => expect(saved).toEqual(['评审细则.pdf']));
    const fetched = requests().findLast((request) => request.method === 'GET')!;
    expect(new URL(fetched.url).pathname).toBe(`/api/v1/announcements/${PUBLISHED_ID}/attachments/${FILE_ID}`);
    vi.restoreAllMocks();
  });

  it('pins and publishes from the list, and takes back to a draft', async () => {
    const { requests } = stubApi();
    await mountView();
    await click(rows()[1]!.querySelector('[data-test="announcement-pin"]')!);
    await click(rows()[1]!.querySelector('[data-test="announcement-publish"]')!);
    await click(rows()[0]!.querySelector('[data-test="announcement-publish"]')!);
    const patches = sent(requests, 'PATCH');
    expect(patches.map((request) => new URL(request.url).pathname)).toEqual([
      `/api/v1/announcements/${DRAFT_ID}`,
      `/api/v1/announcements/${DRAFT_ID}`,
      `/api/v1/announcements/${PUBLISHED_ID}`,
    ]);
    expect(await Promise.all(patches.map((request) => request.json()))).toEqual([
      { pinned: true },
      { published: true },
      { published: false },
    ]);
    expect(pageText()).toContain('已发布“决赛地点变更”，公众可在成果库页面看到');
    expect(pageText()).toContain('已将“关于初赛评审安排的通知”撤回为草稿，公众不再能看到');
  });

  it('deletes only after saying the attachments go with it', async () => {
    const { requests } = stubApi();
    await mountView();
    await click(rows()[0]!.querySelector('[data-test="announcement-delete"]')!);
    expect(await answerBox(false)).toContain('它的 1 个附件也一并删除');
    expect(sent(requests, 'DELETE')).toHaveLength(0);

    await click(rows()[0]!.querySelector('[data-test="announcement-delete"]')!);
    await answerBox(true);
    const [removal] = sent(requests, 'DELETE');
    expect(new URL(removal!.url).pathname).toBe(`/api/v1/announcements/${PUBLISHED_ID}`);
    expect(rows()).toHaveLength(1);
  });

  it("shows the API's problem and keeps the form when saving fails", async () => {
    stubFetch(async (request) => {
      if (request.method === 'GET') return json({ items: [], nextCursor: null });
      return json(
        {
          type: 'about:blank',
          status: 400,
          code: 'VALIDATION',
          detail: '标题过长',
          errors: [{ path: '/titleZh', message: '标题不能超过 200 字' }],
        },
        400,
      );
    });
    await mountView();
    await click(byTest('announcement-add'));
    await type(inputOf('announcement-title-zh'), '通知');
    await type(inputOf('announcement-body-zh'), '正文');
    await click(byTest('announcement-save'));
    await vi.waitFor(() => expect(pageText()).toContain('标题过长'), { timeout: 10_000 });
    await vi.waitFor(() => expect(dialogErrors()).toContain('标题不能超过 200 字'), { timeout: 10_000 });
    expect(inputOf('announcement-title-zh').value).toBe('通知');
  });
});
