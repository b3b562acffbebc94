import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { disclosedPages, startDisclosure, type Disclosure } from './disclosure.js';
import { personalDataAccessLog } from './tables.js';

let t: TestApp;
/** Rows of a fake export: the leader (contacts) and a member (named), each an account. */
let pages: { leader: string; member: string }[][];
let organizer: { id: string };

beforeAll(async () => {
  t = await createTestApp();
  organizer = await t.userWithToken('admin');
  const person = async () => (await t.userWithToken('participant')).id;
  pages = [];
  for (let page = 0; page < 3; page++) {
    const rows = [];
    for (let row = 0; row < 2; row++) rows.push({ leader: await person(), member: await person() });
    pages.push(rows);
  }
});

afterAll(async () => {
  await t.close();
});

async function* fromPages<Row>(all: Row[][]) {
  for (const page of all) yield page;
}

/** The log entries of one export, as [subject, kind]. */
async function entriesOf(disclosure: Disclosure) {
  const rows = await t.db
    .select({ subject: personalDataAccessLog.subjectUserId, kind: personalDataAccessLog.kind })
    .from(personalDataAccessLog)
    .where(
      and(eq(personalDataAccessLog.resource, disclosure.resource), eq(personalDataAccessLog.actorUserId, organizer.id)),
    );
  return rows.map((row) => [row.subject, row.kind]);
}

const deps = () => ({ db: t.db, clock: t.clock, storage: undefined as never });
const peopleOf = (row: { leader: string; member: string }) => ({ contacts: [row.leader], named: [row.member] });

describe('an export’s disclosure, page by page', () => {
  it('logs each page’s people before handing the page out, and every page once', async () => {
    const disclosure = await startDisclosure(deps(), { sub: organizer.id, role: 'admin' }, 'test', undefined);
    const seen: string[] = [];
    for await (const page of disclosedPages(deps(), fromPages(pages), disclosure, peopleOf)) {
      const logged = new Set((await entriesOf(disclosure)).map(([subject]) => subject));
      for (const row of page) {
        expect(logged).toContain(row.leader);
        expect(logged).toContain(row.member);
      }
      seen.push(...page.flatMap((row) => [row.leader, row.member]));
    }
    const entries = await entriesOf(disclosure);
    // Masked (no reason): everyone named as `export_masked`, once.
    expect(entries).toHaveLength(seen.length);
    expect(entries).toEqual(expect.arrayContaining(seen.map((subject) => [subject, 'export_masked'])));
  });

  it('logs the leaders as `export` and the members as `export_masked` when unmasked', async () => {
    const disclosure: Disclosure = {
      ...(await startDisclosure(deps(), { sub: organizer.id, role: 'admin' }, 'test', undefined)),
      unmasked: true,
      reason: '通知决赛安排',
    };
    const handedOut = [];
    for await (const page of disclosedPages(deps(), fromPages(pages), disclosure, peopleOf)) handedOut.push(page);
    expect(handedOut).toEqual(pages);
    const entries = await entriesOf(disclosure);
    const rows = pages.flat();
    expect(entries).toHaveLength(rows.length * 2);
    expect(entries).toEqual(
      expect.arrayContaining([
        ...rows.map((row) => [row.leader, 'export']),
        ...rows.map((row) => [row.member, 'export_masked']),
      ]),
    );
  });
});
