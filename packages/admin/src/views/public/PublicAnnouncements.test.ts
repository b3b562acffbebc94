import ElementPlus from 'element-plus';
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeI18n } from '../../i18n';
import { json, queryTest, stubFetch } from '../../test/dom';
import PublicAnnouncements from './PublicAnnouncements.vue';

// Issue 15.4: the edition's announcements shown on the public results page too, pinned first,
// in the reader's language where the organizers wrote it.

const announcement = (id: string, overrides: Record<string, unknown> = {}) => ({
  id,
  editionId: '11111111-1111-4111-8111-111111111111',
  titleZh: '关于初赛评审安排的通知',
  titleEn: 'About the preliminary review',
  bodyZh: '初赛评审将于 8 月 16 日开始。\n请各团队留意邮件。',
  bodyEn: 'The preliminary review starts on 16 August.',
  pinned: true,
  publishedAt: '2024-08-10T10:00:00+08:00',
  updatedAt: '2024-08-10T10:00:00+08:00',
  attachments: [],
  ...overrides,
});
const items = [
  announcement('22222222-2222-4222-8222-222222222222', {
    attachments: [
      {
        fileId: '44444444-4444-4444-8444-444444444444',
        name: '评审细则.pdf',
        mimeType: 'application/pdf',
        sizeBytes: 3 * 1024 ** 2,
        sha256: 'ab'.repeat(32),
      },
    ],
  }),
  announcement('33333333-3333-4333-8333-333333333333', {
    titleZh: '决赛地点变更',
    titleEn: null,
    bodyZh: '决赛改在南宁举行。',
    bodyEn: null,
    pinned: false,
  }),
];

async function mountList(locale: 'zh-CN' | 'en' = 'zh-CN') {
  mount(PublicAnnouncements, {
    props: { timeZone: 'Asia/Shanghai' },
    global: { plugins: [makeI18n(locale), ElementPlus] },
    attachTo: document.body,
  });
  await flushPromises();
}
const shown = () => [...document.querySelectorAll('[data-test="public-announcement"]')];

describe('announcements on the public page', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('lists the published announcements of the current edition, pinned ones marked', async () => {
    const { requests } = stubFetch(() => json({ items, nextCursor: null }));
    await mountList();
    expect(new URL(requests()[0]!.url).pathname).toBe('/api/v1/editions/current/announcements');
    expect(new URL(requests()[0]!.url).searchParams.get('drafts')).toBeNull();
    const [first, second] = shown();
    expect(first!.querySelector('summary')!.textContent).toContain('置顶');
    expect(first!.querySelector('summary')!.textContent).toContain('关于初赛评审安排的通知');
    expect(first!.querySelector('.body')!.textContent).toBe('初赛评审将于 8 月 16 日开始。\n请各团队留意邮件。');
    const file = first!.querySelector<HTMLAnchorElement>('[data-test="announcement-file"]')!;
    expect(file.textContent).toBe('评审细则.pdf');
    expect(file.getAttribute('href')).toBe(
      '/api/v1/announcements/22222222-2222-4222-8222-222222222222/attachments/44444444-4444-4444-8444-444444444444',
    );
    expect(first!.textContent).toContain('3.0 MB');
    expect(second!.querySelector('[data-test="announcement-file"]')).toBeNull();
    expect(second!.querySelector('summary')!.textContent).not.toContain('置顶');
    expect(second!.textContent).toContain('决赛改在南宁举行。');
  });

  it('reads in English where there is English, else in Chinese', async () => {
    stubFetch(() => json({ items, nextCursor: null }));
    await mountList('en');
    const [first, second] = shown();
    expect(first!.querySelector('summary')!.textContent).toContain('Pinned');
    expect(first!.textContent).toContain('About the preliminary review');
    expect(first!.querySelector('.body')!.textContent).toBe('The preliminary review starts on 16 August.');
    expect(second!.textContent).toContain('决赛地点变更');
  });

  it('shows nothing when there is no announcement or the list cannot be loaded', async () => {
    stubFetch(() => json({ items: [], nextCursor: null }));
    await mountList();
    expect(queryTest('public-announcements')).toBeNull();
    document.body.innerHTML = '';
    stubFetch(() => json({ type: 'about:blank', status: 503, title: 'Unavailable' }, 503));
    await mountList();
    expect(queryTest('public-announcements')).toBeNull();
  });
});
