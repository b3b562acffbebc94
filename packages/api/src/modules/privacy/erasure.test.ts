import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter } from '@saishi/shared';
import { sqlRows } from '../../lib/rows.js';
import { createTestApp, expectProblem, type TestApp } from '../../test/app.js';
import { startFakeS3, type FakeS3 } from '../../test/fake-s3.js';
import { jpegBytes } from '../../test/sample-files.js';
import { createTeamFixture } from '../projects/fixtures.js';

let t: TestApp;
/** The fake S3 the app stores its files in, on the S3 runs; undefined on local disk. */
let fakeS3: FakeS3 | undefined;
const bearer = (user: { token: string }) => ({ authorization: `Bearer ${user.token}` });
let codeSeq = 7100;

/** A test app on local disk or on (a fake of) S3 storage, for the describe block's duration. */
function useTestApp(driver: 'local' | 's3') {
  beforeAll(async () => {
    fakeS3 = driver === 's3' ? await startFakeS3() : undefined;
    t = await createTestApp(
      fakeS3
        ? {
            config: {
              STORAGE_DRIVER: 's3',
              S3_BUCKET: fakeS3.bucket,
              S3_ENDPOINT: fakeS3.endpoint,
              S3_FORCE_PATH_STYLE: true,
              S3_ACCESS_KEY_ID: 'test',
              S3_SECRET_ACCESS_KEY: 'test',
            },
          }
        : {},
    );
  });
  afterAll(async () => {
    await t?.close();
    await fakeS3?.close();
  });
}

/** A student of a university team (draft), with a student ID image uploaded. */
async function studentOfATeam(who: { displayName: string; mobile: string; studentNumber: string }) {
  const leader = await t.userWithToken('participant');
  const first17 = `91450100${String(codeSeq++).padStart(9, '0')}`;
  const creditCode = first17 + creditCodeCheckCharacter(first17)!;
  const unit = await t.http
    .post('/api/v1/editions/current/units')
    .set(bearer(leader))
    .send({ name: `删除测试大学 ${creditCode}`, type: 'university', creditCode, region: '南宁市' })
    .expect(201);
  const team = await t.http
    .post('/api/v1/teams')
    .set(bearer(leader))
    .send({
      name: `删除测试 ${creditCode}`,
      track: 'university',
      entrantKind: 'units',
      units: [{ unitId: unit.body.id, isLead: true }],
      studentNumber: `L-${creditCode}`,
    })
    .expect(201);
  const student = await t.userWithToken('participant', { displayName: who.displayName, mobile: who.mobile });
  await t.http
    .post('/api/v1/teams/join')
    .set(bearer(student))
    .send({ inviteCode: team.body.inviteCode, studentNumber: who.studentNumber })
    .expect(200);
  await t.http
    .put(`/api/v1/teams/${team.body.id}/members/${student.id}/student-id`)
    .set(bearer(student))
    // The image shows the name and the numbers, as a photographed card would.
    .attach(
      'file',
      Buffer.concat([jpegBytes(), Buffer.from(Object.values(who).join(' '))]),
      `${who.displayName}的学生证.jpg`,
    )
    .expect(200);
  const [card] = await sqlRows<{ key: string }>(
    t.db,
    sql`select f.storage_key as key from team_members m join stored_files f on f.id = m.student_id_file_id
         where m.user_id = ${student.id}`,
  );
  return { student: student, team: team.body as { id: string }, cardKey: card!.key };
}

/** Text, JSON and text-array column types (the catalog's `udt_name`). */
const TEXTUAL = ['text', 'varchar', 'bpchar', 'json', 'jsonb', '_text', '_varchar', '_bpchar', '_json', '_jsonb'];

/** Every textual column of every table of every schema (the platform's and the job queue's), from the catalog. */
async function textColumns() {
  return sqlRows<{ table_schema: string; table_name: string; column_name: string }>(
    t.db,
    sql`select c.table_schema, c.table_name, c.column_name from information_schema.columns c
          join information_schema.tables tb on tb.table_name = c.table_name and tb.table_schema = c.table_schema
         where c.table_schema not in ('pg_catalog', 'information_schema') and tb.table_type = 'BASE TABLE'
           and c.udt_name in (${sql.join(
             TEXTUAL.map((type) => sql`${type}`),
             sql`, `,
           )})`,
  );
}

/** Every text, JSON and text-array column of every table, searched for the value; the places it is found. */
async function placesHolding(value: string): Promise<string[]> {
  const probes = (await textColumns()).map(
    ({ table_schema: schema, table_name: table, column_name: column }) =>
      sql`select ${`${schema}.${table}.${column}`}::text as place where exists (
            select 1 from ${sql.identifier(schema)}.${sql.identifier(table)}
             where strpos(lower(${sql.identifier(column)}::text), lower(${value})) > 0)`,
  );
  const rows = await sqlRows<{ place: string }>(t.db, sql.join(probes, sql` union all `));
  return rows.map((row) => row.place);
}

/** Every file the storage holds (local disk or S3), finished or being uploaded, with its bytes. */
function storedBytes(): { name: string; bytes: Buffer }[] {
  if (fakeS3)
    return [
      ...[...fakeS3.objects].map(([name, bytes]) => ({ name, bytes })),
      ...[...fakeS3.pendingUploads].flatMap(([id, parts]) =>
        [...parts.values()].map((bytes) => ({ name: `upload ${id}`, bytes })),
      ),
    ];
  const root = t.config.STORAGE_DIR;
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .map((path) => ({ name: relative(root, path), bytes: readFileSync(path) }));
}

/** The stored files whose name or bytes hold the value. */
function filesHolding(value: string): string[] {
  return storedBytes()
    .filter(({ name, bytes }) => name.toLowerCase().includes(value.toLowerCase()) || bytes.includes(value))
    .map(({ name }) => name);
}

/** Where the value is anywhere: database places and stored files. */
async function anywhere(value: string): Promise<string[]> {
  return [...(await placesHolding(value)), ...filesHolding(value)];
}

describe.each(['local', 's3'] as const)('DELETE /me on %s storage (个人信息保护法 §47)', (driver) => {
  useTestApp(driver);

  it('searches every textual column of the database, its arrays and the job queue’s included', async () => {
    const columns = (await textColumns()).map((c) => `${c.table_schema}.${c.table_name}.${c.column_name}`);
    expect(columns).toEqual(
      expect.arrayContaining(['public.users.display_name', 'public.team_members.student_number', 'pgboss.job.data']),
    );
  });

  it('erases name, mobile, e-mail, student number and the student ID image everywhere, keeping the id', async () => {
    const who = { displayName: '欧阳修远', mobile: '19977770001', studentNumber: 'S-ERASE-77' };
    const { student, team, cardKey } = await studentOfATeam(who);
    // A new email asked for and never confirmed is theirs too.
    const pendingEmail = `ouyang-${driver}@example.test`;
    await t.http.patch('/api/v1/me').set(bearer(student)).send({ email: pendingEmail }).expect(200);
    // An invitation a leader mailed to their address names them too.
    await t.db.execute(
      sql`insert into team_invitations (team_id, email, created_at) values (${team.id}, ${student.email}, now())`,
    );
    const values = [who.displayName, who.mobile, who.studentNumber, student.email, pendingEmail];
    // The test can see the values before: each is somewhere, and the card's bytes hold the name and numbers.
    for (const value of values) expect(await placesHolding(value), value).not.toEqual([]);
    for (const value of [who.displayName, who.mobile, who.studentNumber])
      expect(filesHolding(value), value).not.toEqual([]);
    expect(await t.app.deps.storage.stat(cardKey)).not.toBeNull();

    const erased = await t.http.delete('/api/v1/me').set(bearer(student)).expect(200);
    expect(erased.body).toEqual({ userId: student.id, erasedAt: t.clock.now().toISOString() });

    for (const value of values) expect(await anywhere(value), value).toEqual([]);
    expect(await t.app.deps.storage.stat(cardKey)).toBeNull();
    // The pseudonymous id stays where integrity needs it: the team still counts the member.
    const members = await sqlRows<{ user_id: string }>(
      t.db,
      sql`select user_id from team_members where team_id = ${team.id}`,
    );
    expect(members.map((row) => row.user_id)).toContain(student.id);
    const login = await t.http.post('/api/v1/auth/login').send({ login: student.email, password: 'anything long' });
    expect(login.status).toBe(401);
  });

  it('erases the data of a person who left their team mid-collection, though no longer a member', async () => {
    const who = { displayName: '皇甫离队', mobile: '19977770003', studentNumber: 'S-ERASE-79' };
    const { student, team } = await studentOfATeam(who);
    await t.http.delete(`/api/v1/teams/${team.id}/members/${student.id}`).set(bearer(student)).expect(204);
    // A text message to the number after they left: its delivery names the number.
    await t.db.execute(
      sql`with sent as (
            insert into notifications (user_id, kind, locale, subject, body, params, created_at)
            values (${student.id}, 'verification_code', 'zh-CN', '验证码', '验证码', '{}'::jsonb, now()) returning id)
          insert into deliveries (notification_id, channel, recipient, state, created_at)
          select id, 'sms', ${who.mobile}, 'sent', now() from sent`,
    );
    expect(await anywhere(who.mobile)).not.toEqual([]);

    await t.http.delete('/api/v1/me').set(bearer(student)).expect(200);
    for (const value of [...Object.values(who), student.email]) expect(await anywhere(value), value).toEqual([]);
  });
});

describe('DELETE /me refusals and experts (个人信息保护法 §47)', () => {
  useTestApp('local');

  it('is refused, naming the team, while the person’s team is in qualification or review', async () => {
    const who = { displayName: '司马光明', mobile: '19977770002', studentNumber: 'S-ERASE-78' };
    const { student, team } = await studentOfATeam(who);
    await t.db.execute(sql`update teams set qualification_status = 'submitted' where id = ${team.id}`);
    const zh = expectProblem(
      await t.http.delete('/api/v1/me').set(bearer(student)),
      409,
      'PERSONAL_DATA_DELETION_REFUSED',
    );
    expect(zh.detail).toContain('删除测试');
    const en = await t.http.delete('/api/v1/me').set(bearer(student)).set('accept-language', 'en');
    expect(en.body.detail).toContain('once that edition is closed');
    expect(await placesHolding(who.mobile)).not.toEqual([]);

    // Honoured once the edition is closed.
    await t.db.execute(
      sql`update editions set status = 'archived' where id = (select edition_id from teams where id = ${team.id})`,
    );
    try {
      await t.http.delete('/api/v1/me').set(bearer(student)).expect(200);
      expect(await placesHolding(who.mobile)).toEqual([]);
    } finally {
      await t.db.execute(
        sql`update editions set status = 'published' where id = (select edition_id from teams where id = ${team.id})`,
      );
    }
  });

  it('erases an expert’s profile and the reasons they wrote, once no review of theirs is open', async () => {
    const expert = await t.userWithToken('expert', { displayName: '诸葛明远' });
    const affiliation = '卧龙数据研究院';
    await t.db.execute(
      sql`insert into expert_profiles (user_id, affiliation_name, affiliation_credit_code, title, field_codes, created_at, updated_at)
          values (${expert.id}, ${affiliation}, '91450100MA5KCERT01', '首席研究员', '[]'::jsonb, now(), now())`,
    );
    await t.db.execute(
      sql`insert into expert_conflicts (expert_user_id, kind, credit_code, reason, declared_by, created_at, status,
                                        withdrawn_at, withdrawn_by, withdrawal_reason)
          values (${expert.id}, 'unit', '91450100MA5KCONF02', '曾在卧龙数据研究院兼职', ${expert.id}, now(), 'pending',
                  now(), ${expert.id}, '诸葛明远已离职')`,
    );
    // Assigned in a round of an edition still running: refused, naming the edition.
    const [round] = await sqlRows<{ id: string }>(
      t.db,
      sql`insert into review_rounds (edition_id, kind, experts_per_project, created_at)
          select id, 'final', 3, now() from editions where code = '2024-guangxi'
          on conflict (edition_id, kind) do update set kind = excluded.kind returning id`,
    );
    // A project to review: a team's, created through the API.
    const owner = await createTeamFixture(t);
    const [topic] = await sqlRows<{ id: string }>(
      t.db,
      sql`select t.id from topics t join fields f on f.id = t.field_id where f.code = 'transportation' limit 1`,
    );
    const project = await t.http
      .post(`/api/v1/teams/${owner.team.id}/project`)
      .set(bearer(owner.leader))
      .send({
        title: '专家删除测试作品',
        category: 'modeling',
        summary: '交通流量预测',
        topicScope: 'single_field',
        topicIds: [topic!.id],
        dataSources: [{ kind: 'own', name: '自采集数据' }],
        technology: {},
        completeBeforeNationalFinal: true,
      });
    expect(project.status, JSON.stringify(project.body)).toBe(201);
    // An assignment is of a project of its round.
    await t.db.execute(
      sql`insert into round_projects (round_id, project_id, added_at) values (${round!.id}, ${project.body.id}, now())`,
    );
    const [assignment] = await sqlRows<{ id: string }>(
      t.db,
      sql`insert into assignments (round_id, project_id, expert_user_id, source, created_at)
          values (${round!.id}, ${project.body.id}, ${expert.id}, 'manual', now()) returning id`,
    );
    expect(assignment).toBeDefined();
    const refused = expectProblem(
      await t.http.delete('/api/v1/me').set(bearer(expert)),
      409,
      'PERSONAL_DATA_DELETION_REFUSED_REVIEWING',
    );
    expect(refused.detail).toContain('2024');
    expect(await placesHolding(affiliation)).not.toEqual([]);

    await t.db.execute(sql`delete from assignments where id = ${assignment!.id}`);
    await t.http.delete('/api/v1/me').set(bearer(expert)).expect(200);
    for (const value of [affiliation, '首席研究员', '91450100MA5KCERT01', '诸葛明远'])
      expect(await placesHolding(value), value).toEqual([]);
  });

  it('needs a login', async () => {
    expectProblem(await t.http.delete('/api/v1/me'), 401, 'UNAUTHORIZED');
  });
});
