import ElementPlus from 'element-plus';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeI18n } from '../../i18n';
import { byTest, click, json, pageText, stubFetch } from '../../test/dom';
import LedgerView from './LedgerView.vue';

// The organizers' ledger screen (issue 10.5): whether the ledger verifies, the rows that no
// longer match it, and who did what, narrowed by clicking an actor or a subject.

const entry = (seq: number, action: string, actor: { id: string; name: string } | null, subjectId: string) => ({
  seq,
  prevHash: '0'.repeat(64),
  hash: `${seq}`.padStart(64, 'a'),
  action,
  actorId: actor?.id ?? null,
  actorName: actor?.name ?? null,
  subjectType: action.startsWith('score') ? 'score' : 'user',
  subjectId,
  payload: {},
  at: '2024-08-20T10:00:00.000+08:00',
  certifies: null,
});
const organizer = { id: '11111111-1111-4111-8111-111111111111', name: '赛事管理员' };
const entries = [
  entry(7, 'user.updated', organizer, '22222222-2222-4222-8222-222222222222'),
  entry(8, 'score.submitted', { id: '33333333-3333-4333-8333-333333333333', name: '李专家' }, 'score-1'),
  entry(9, 'round.enrolled', null, 'round-1'),
];
const broken = {
  valid: false,
  entries: 9,
  headHash: 'f'.repeat(64),
  firstBroken: null,
  brokenRows: [{ table: 'scores', rowId: '44444444-4444-4444-8444-444444444444', seq: 8, problem: 'altered' }],
};

async function mountView() {
  setActivePinia(createPinia());
  mount(LedgerView, { global: { plugins: [makeI18n('zh-CN'), ElementPlus] }, attachTo: document.body });
  await flushPromises();
}

describe('the ledger screen', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('says the ledger is broken and names the row that no longer matches, with its entry', async () => {
    stubFetch((request) =>
      new URL(request.url).pathname.endsWith('/verify')
        ? json(broken)
        : json({ items: entries, nextCursor: null, total: entries.length }),
    );
    await mountView();
    expect(byTest('ledger-status').textContent).toContain('存证链断裂');
    const rows = byTest('ledger-broken-rows').textContent ?? '';
    expect(rows).toContain('44444444-4444-4444-8444-444444444444');
    expect(rows).toContain('#8');
    expect(byTest('ledger-entries').querySelectorAll('.el-table__row')).toHaveLength(3);
    expect(pageText()).toContain('李专家');
  });

  it('shows who did what: an actor or a subject picked in the table narrows the list', async () => {
    const { requests } = stubFetch((request) => {
      const url = new URL(request.url);
      if (url.pathname.endsWith('/verify')) return json({ ...broken, valid: true, brokenRows: [] });
      const actorId = url.searchParams.get('actorId');
      const items = entries.filter((item) => !actorId || item.actorId === actorId);
      return json({ items, nextCursor: null, total: items.length });
    });
    await mountView();
    const lists = () => requests().filter((request) => new URL(request.url).pathname === '/api/v1/ledger');
    await click(byTest('ledger-actor'));
    await flushPromises();
    const byActor = new URL(lists().at(-1)!.url);
    expect(byActor.searchParams.get('actorId')).toBe(organizer.id);
    expect(byTest('ledger-actor-filter').textContent).toContain('操作人：赛事管理员');
    expect(byTest('ledger-entries').querySelectorAll('.el-table__row')).toHaveLength(1);

    await click(byTest('ledger-subject'));
    await flushPromises();
    const bySubject = new URL(lists().at(-1)!.url);
    expect(bySubject.searchParams.get('subjectType')).toBe('user');
    expect(bySubject.searchParams.get('subjectId')).toBe('22222222-2222-4222-8222-222222222222');
    expect(bySubject.searchParams.get('actorId')).toBe(organizer.id);

    // Closing the actor's tag lifts that filter and keeps the subject's.
    await click(byTest('ledger-actor-filter').querySelector('.el-tag__close')!);
    await flushPromises();
    const cleared = new URL(lists().at(-1)!.url);
    expect(cleared.searchParams.has('actorId')).toBe(false);
    expect(cleared.searchParams.get('subjectId')).toBe('22222222-2222-4222-8222-222222222222');
  });
});
