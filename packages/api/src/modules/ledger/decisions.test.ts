import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { creditCodeCheckCharacter } from '@saishi/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blacklistEntries } from '../../db/tables.js';
import { DURING_PRELIMINARY, createTestApp, type TestApp } from '../../test/app.js';
import { createProject, currentEditionId } from '../review/fixtures.js';

// Decisions the certification run does not walk through (issue 10.5): a list import, the
// removal of a list entry and an assignment made by hand each enter the ledger naming the
// organizer who acted, the import as a count and a digest of its rows, not the rows.

let t: TestApp;
let admin: { id: string; token: string };
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  t = await createTestApp({ now: DURING_PRELIMINARY });
  admin = await t.userWithToken('admin');
});
afterAll(() => t.close());

interface Entry {
  action: string;
  actorId: string | null;
  actorName: string | null;
  subjectType: string;
  subjectId: string;
  payload: Record<string, unknown>;
}

async function entries(action: string): Promise<Entry[]> {
  const response = await t.http.get(`/api/v1/ledger?limit=200&action=${action}`).set(auth(admin.token)).expect(200);
  return response.body.items as Entry[];
}

describe('decisions outside a competition run enter the ledger naming who acted', () => {
  it('records a list import as one compact entry, and the removal of an entry', async () => {
    const valid = '91450100MA5T77777';
    const code = `${valid}${creditCodeCheckCharacter(valid)}`;
    const csv = `credit_code,name,list_kind,source_date\n${code},南宁某失信企业,dishonest_debtor,2024-07-01\nNOT-A-CODE,格式错误,dishonest_debtor,2024-07-01\n`;
    await t.http
      .post('/api/v1/blacklists/import')
      .set(auth(admin.token))
      .attach('file', Buffer.from(csv), 'list.csv')
      .expect(200);
    const [imported] = await entries('blacklist.imported');
    expect(imported).toMatchObject({
      actorId: admin.id,
      actorName: expect.any(String),
      subjectType: 'blacklist_import',
      payload: {
        entries: { count: 1, sha256: createHash('sha256').update(`${code}:dishonest_debtor`).digest('hex') },
        invalidRows: 1,
      },
    });
    expect(JSON.stringify(imported!.payload)).not.toContain('南宁'); // a digest, not the rows

    const [entry] = await t.db.select().from(blacklistEntries).where(eq(blacklistEntries.creditCode, code));
    await t.http.delete(`/api/v1/blacklists/${entry!.id}`).set(auth(admin.token)).expect(204);
    const [deleted] = await entries('blacklist.entry_deleted');
    expect(deleted).toMatchObject({
      actorId: admin.id,
      subjectType: 'blacklist_entry',
      subjectId: entry!.id,
      payload: { creditCode: code, listKind: 'dishonest_debtor' },
    });
  });

  it('records an assignment made by hand, with the organizer and the reason', async () => {
    const editionId = await currentEditionId(t.db);
    const rounds = await t.http.get('/api/v1/editions/current/review-rounds').set(auth(admin.token)).expect(200);
    const roundId = (rounds.body.items as { id: string; kind: string }[]).find(
      (round) => round.kind === 'preliminary',
    )!.id;
    const { projectId } = await createProject(t.db, {
      editionId,
      trackCode: 'society',
      unitIds: [],
      categoryCode: 'data_product',
    });
    await t.db.execute(
      sql`insert into round_projects (round_id, project_id, added_at) values (${roundId}, ${projectId}, ${t.clock.now()})`,
    );
    const expert = await t.http
      .post('/api/v1/experts')
      .set(auth(admin.token))
      .send({ email: 'by.hand@example.test', displayName: '手工分配专家', affiliationName: '桂林某研究院' })
      .expect(201);
    const assignment = await t.http
      .post('/api/v1/assignments')
      .set(auth(admin.token))
      .send({ roundId, projectId, expertId: expert.body.id, reason: '领域对口' });
    expect(assignment.status, JSON.stringify(assignment.body)).toBe(201);
    const [added] = (await entries('assignment.added')).filter((entry) => entry.subjectId === assignment.body.id);
    expect(added).toMatchObject({
      actorId: admin.id,
      subjectType: 'assignment',
      payload: { roundId, projectId, expertId: expert.body.id, reason: '领域对口' },
    });
  });
});
