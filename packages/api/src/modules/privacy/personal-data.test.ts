import { sql } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter } from '@saishi/shared';
import { sqlRows } from '../../lib/rows.js';
import { createTestApp, expectProblem, type TestApp, bytesOfBody } from '../../test/app.js';
import { pngBytes } from '../../test/sample-files.js';
import { notifications } from '../messages/tables.js';

let t: TestApp;
type User = { id: string; token: string; email: string };
const bearer = (user: { token: string }) => ({ authorization: `Bearer ${user.token}` });

/** A student with a bit of everything: a membership with a student ID image, consents, a notification, a reveal. */
let student: User;
let studentIdFileId: string;
let organizer: User;

beforeAll(async () => {
  t = await createTestApp();
  organizer = await t.userWithToken('admin');
  const leader = await t.userWithToken('participant');
  const first17 = '914501009876543210'.slice(0, 17);
  const creditCode = first17 + creditCodeCheckCharacter(first17)!;
  const unit = await t.http
    .post('/api/v1/editions/current/units')
    .set(bearer(leader))
    .send({ name: '个人信息大学', type: 'university', creditCode, region: '南宁市' })
    .expect(201);
  const team = await t.http
    .post('/api/v1/teams')
    .set(bearer(leader))
    .send({
      name: '副本测试',
      track: 'university',
      entrantKind: 'units',
      units: [{ unitId: unit.body.id, isLead: true }],
      studentNumber: 'S-COPY-1',
    })
    .expect(201);
  student = await t.userWithToken('participant', { mobile: '19955550001' });
  await t.http
    .post('/api/v1/teams/join')
    .set(bearer(student))
    .send({ inviteCode: team.body.inviteCode, studentNumber: 'S-COPY-2' })
    .expect(200);
  const uploaded = await t.http
    .put(`/api/v1/teams/${team.body.id}/members/${student.id}/student-id`)
    .set(bearer(student))
    .attach('file', pngBytes(), 'card.png')
    .expect(200);
  expect(uploaded.body.members.find((m: { userId: string }) => m.userId === student.id).hasStudentId).toBe(true);
  const [member] = await sqlRows<{ id: string }>(
    t.db,
    sql`select student_id_file_id as id from team_members where user_id = ${student.id}`,
  );
  studentIdFileId = member!.id;
  await t.db.insert(notifications).values({
    userId: student.id,
    kind: 'team_flagged',
    locale: 'zh-CN',
    subject: '资格审核退回',
    body: '请补充材料',
    params: {},
    createdAt: t.clock.now(),
  });
  await t.http.put(`/api/v1/users/${organizer.id}/personal-data-right`).set(bearer(organizer)).expect(200);
  await t.http
    .post(`/api/v1/users/${student.id}/contact/reveal`)
    .set(bearer(organizer))
    .send({ reason: '电话通知补交材料' })
    .expect(200);
});
afterAll(async () => t?.close());

type Copy = { userId: string; generatedAt: string; tables: Record<string, Record<string, unknown>[]> };

/** The columns referencing users.id, as the information schema (not the implementation's catalog query) lists them. */
async function userReferences() {
  return sqlRows<{ table_name: string; column_name: string }>(
    t.db,
    sql`select kcu.table_name, kcu.column_name
          from information_schema.referential_constraints rc
          join information_schema.key_column_usage kcu
            on kcu.constraint_name = rc.constraint_name and kcu.constraint_schema = rc.constraint_schema
          join information_schema.key_column_usage ref
            on ref.constraint_name = rc.unique_constraint_name and ref.constraint_schema = rc.unique_constraint_schema
         where rc.constraint_schema = 'public' and ref.table_name = 'users' and ref.column_name = 'id'`,
  );
}

describe('GET /me/personal-data (个人信息保护法 §45)', () => {
  it('needs a login', async () => {
    expectProblem(await t.http.get('/api/v1/me/personal-data'), 401, 'UNAUTHORIZED');
    expectProblem(await t.http.get('/api/v1/me/personal-data/archive'), 401, 'UNAUTHORIZED');
  });

  it('holds every row of every table that references the person, as the schema says', async () => {
    const copy = (await t.http.get('/api/v1/me/personal-data').set(bearer(student)).expect(200)).body as Copy;
    const references = await userReferences();
    expect(references.length).toBeGreaterThan(15);
    for (const { table_name: table, column_name: column } of references) {
      expect(copy.tables, `${table} is in the copy`).toHaveProperty(table);
      const held = await sqlRows<{ count: number | string }>(
        t.db,
        sql`select count(*) as count from ${sql.identifier(table)} where ${sql.identifier(column)} = ${student.id}`,
      );
      const copied = copy.tables[table]!.filter((row) => row[column] === student.id);
      expect(copied.length, `${table}.${column}`).toBe(Number(held[0]!.count));
    }
  });

  it('shows the account, membership, document, consents, notification and who looked, without secrets', async () => {
    const copy = (await t.http.get('/api/v1/me/personal-data').set(bearer(student)).expect(200)).body as Copy;
    expect(copy.userId).toBe(student.id);
    expect(copy.tables.users).toEqual([expect.objectContaining({ email: student.email, mobile: '19955550001' })]);
    expect(copy.tables.team_members).toEqual([expect.objectContaining({ student_number: 'S-COPY-2', role: 'member' })]);
    expect(copy.tables.stored_files).toEqual([
      expect.objectContaining({ id: studentIdFileId, original_name: 'card.png', mime_type: 'image/png' }),
    ]);
    expect(copy.tables.privacy_consents!.map((row) => row.scope).sort()).toEqual(['personal', 'sensitive']);
    expect(copy.tables.notifications).toEqual([expect.objectContaining({ subject: '资格审核退回' })]);
    expect(copy.tables.personal_data_access_log).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actor_user_id: organizer.id, kind: 'reveal', reason: '电话通知补交材料' }),
        expect.objectContaining({ actor_user_id: student.id, kind: 'copy' }),
      ]),
    );
    const text = JSON.stringify(copy);
    for (const secret of ['password_hash', 'verification_code_hash', 'token_hash']) expect(text).not.toContain(secret);
  });

  it('does not show another person’s rows', async () => {
    const stranger = await t.userWithToken('participant');
    const copy = (await t.http.get('/api/v1/me/personal-data').set(bearer(stranger)).expect(200)).body as Copy;
    expect(JSON.stringify(copy)).not.toContain(student.id);
    expect(copy.tables.team_members).toEqual([]);
  });

  it('downloads the copy as a ZIP with the person’s files, and logs the copy', async () => {
    const response = await t.http
      .get('/api/v1/me/personal-data/archive')
      .set(bearer(student))
      .buffer(true)
      .parse(bytesOfBody)
      .expect(200);
    expect(response.headers['content-type']).toBe('application/zip');
    const entries = unzipSync(new Uint8Array(response.body as Buffer));
    const json = JSON.parse(new TextDecoder().decode(entries['personal-data.json'])) as Copy & { files: string[] };
    expect(json.tables.users![0]!.email).toBe(student.email);
    const card = `files/${studentIdFileId}-card.png`;
    expect(json.files).toEqual([card]);
    expect(Buffer.from(entries[card]!)).toEqual(pngBytes());
    const copies = await sqlRows<{ count: number | string }>(
      t.db,
      sql`select count(*) as count from personal_data_access_log where subject_user_id = ${student.id} and kind = 'copy'`,
    );
    expect(Number(copies[0]!.count)).toBeGreaterThanOrEqual(3);
  });
});
