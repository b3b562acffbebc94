import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isConflicted } from '@saishi/shared';
import { pgErrorOf } from '../../lib/pg-errors.js';
import { forgetReferenceData } from '../editions/reference-cache.js';
import { storedFiles } from '../files/tables.js';
import { projectFiles } from '../projects/tables.js';
import { DURING_PRELIMINARY, createTestApp, expectProblem, type TestApp } from '../../test/app.js';
import { createProject, createUnit, currentEditionId, fakeCreditCode } from './fixtures.js';

let t: TestApp;
let admin: { id: string; token: string };
let editionId: string;
let rounds: { preliminary: string; final: string };

/** Rows of a raw query, whichever driver runs it. */
const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const tokenFor = (userId: string) => t.app.jwt.sign({ sub: userId, role: 'expert' });

async function inviteExpert(body: Record<string, unknown>) {
  const response = await t.http.post('/api/v1/experts').set(auth(admin.token)).send(body);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: string };
}

let expertSeq = 0;
async function newExpert(profile: { affiliationName: string; affiliationCreditCode?: string; fieldCodes?: string[] }) {
  expertSeq++;
  const expert = await inviteExpert({
    email: `reviewer${expertSeq}@example.test`,
    displayName: `Reviewer ${expertSeq}`,
    ...profile,
  });
  return { id: expert.id, token: tokenFor(expert.id) };
}

beforeAll(async () => {
  t = await createTestApp({ now: DURING_PRELIMINARY });
  admin = await t.userWithToken('admin');
  editionId = await currentEditionId(t.db);
  const list = await t.http.get('/api/v1/editions/current/review-rounds').set(auth(admin.token)).expect(200);
  rounds = Object.fromEntries(
    list.body.items.map((round: { kind: string; id: string }) => [round.kind, round.id]),
  ) as typeof rounds;
});
afterAll(() => t.close());

describe('experts', () => {
  it('lets an admin invite an expert with affiliation, fields and credit code, and refuses a participant', async () => {
    const expert = await inviteExpert({
      email: 'prof.li@example.test',
      displayName: '李教授',
      affiliationName: '广西大学',
      affiliationCreditCode: '12450000498598094u',
      affiliationType: 'university',
      fieldCodes: ['healthcare'],
    });
    const read = await t.http.get(`/api/v1/experts/${expert.id}`).set(auth(admin.token)).expect(200);
    expect(read.body).toMatchObject({
      affiliationName: '广西大学',
      affiliationCreditCode: '12450000498598094U',
      fieldCodes: ['healthcare'],
      active: true,
    });
    const wrongCheck = await t.http.post('/api/v1/experts').set(auth(admin.token)).send({
      email: 'bad@example.test',
      displayName: 'bad',
      affiliationName: 'x',
      affiliationCreditCode: '12450000498598094Q',
    });
    expectProblem(wrongCheck, 422, 'CREDIT_CODE_CHECK_DIGIT', 'R-SOC-1');
    const participant = await t.userWithToken('participant');
    await t.http
      .post('/api/v1/experts')
      .set(auth(participant.token))
      .send({ email: 'x@example.test', displayName: 'x', affiliationName: 'x' })
      .expect(403);
    expectProblem(
      await t.http
        .post('/api/v1/experts')
        .set(auth(admin.token))
        .send({ email: participant.email, displayName: 'p', affiliationName: 'x' }),
      409,
      'EXPERT_EMAIL_TAKEN',
    );
    expectProblem(
      await t.http.post('/api/v1/experts').set(auth(admin.token)).send({ userId: expert.id, affiliationName: 'x' }),
      409,
      'EXPERT_ALREADY_EXISTS',
    );
  });

  it('lets an expert invited with an initial password log in as an expert', async () => {
    await inviteExpert({
      email: 'invited@example.test',
      displayName: '受邀专家',
      affiliationName: '广西科学院',
      password: 'Initial#2024',
    });
    const login = await t.http
      .post('/api/v1/auth/login')
      .send({ login: 'invited@example.test', password: 'Initial#2024' })
      .expect(200);
    expect(login.body.user.role).toBe('expert');
  });

  it('lists the seeded demo expert committee', async () => {
    const list = await t.http.get('/api/v1/experts?limit=200').set(auth(admin.token)).expect(200);
    // E-mails are masked in organizers' lists (minimization).
    expect(list.body.items.map((expert: { email: string }) => expert.email)).toContain('e***@saishi.demo');
  });
});

describe('review rounds and rubrics', () => {
  it('seeds 2024 rubrics for both rounds and both directions, weights totalling 100', async () => {
    for (const roundId of [rounds.preliminary, rounds.final]) {
      const response = await t.http.get(`/api/v1/review-rounds/${roundId}/rubrics`).set(auth(admin.token)).expect(200);
      expect(response.body.items.map((rubric: { directionCode: string }) => rubric.directionCode)).toEqual([
        'modeling',
        'product_innovation',
      ]);
      for (const rubric of response.body.items) {
        expect(rubric.criteria.reduce((sum: number, criterion: { weight: number }) => sum + criterion.weight, 0)).toBe(
          100,
        );
      }
    }
    const round = await t.http.get(`/api/v1/review-rounds/${rounds.preliminary}`).set(auth(admin.token)).expect(200);
    expect(round.body).toMatchObject({ kind: 'preliminary', status: 'draft', expertsPerProject: 5 });
    const final = await t.http.get(`/api/v1/review-rounds/${rounds.final}`).set(auth(admin.token)).expect(200);
    expect(final.body.expertsPerProject).toBe(7);
  });

  it('refuses a rubric whose weights do not total 100', async () => {
    const response = await t.http
      .put(`/api/v1/review-rounds/${rounds.final}/rubrics/modeling`)
      .set(auth(admin.token))
      .send({ criteria: [{ code: 'innovation', nameZh: '创新性', nameEn: 'Innovation', weight: 60, maxScore: 10 }] });
    expectProblem(response, 400, 'RUBRIC_WEIGHTS_NOT_100');
  });

  it('refuses a second preliminary round of the edition', async () => {
    expectProblem(
      await t.http.post('/api/v1/editions/current/review-rounds').set(auth(admin.token)).send({ kind: 'preliminary' }),
      409,
      'ROUND_EXISTS',
    );
  });
});

describe('conflict of interest (SPEC §6: never the own unit or university)', () => {
  let gxu: { id: string; creditCode: string };
  let project: { projectId: string; teamId: string };
  let colleague: { id: string; token: string };
  let outsider: { id: string; token: string };

  beforeAll(async () => {
    gxu = await createUnit(t.db, editionId, {
      name: '广西大学（测试）',
      creditCode: fakeCreditCode(1),
      type: 'university',
    });
    project = await createProject(t.db, {
      editionId,
      trackCode: 'university',
      unitIds: [gxu.id],
      categoryCode: 'modeling',
    });
    colleague = await newExpert({ affiliationName: '广西大学（测试）', affiliationCreditCode: gxu.creditCode });
    outsider = await newExpert({ affiliationName: '别的单位', affiliationCreditCode: fakeCreditCode(2) });
    await t.http.post(`/api/v1/review-rounds/${rounds.preliminary}/open`).set(auth(admin.token)).expect(200);
  });

  it('refuses by hand an expert of the project’s own university (API, 422)', async () => {
    const response = await t.http.post('/api/v1/assignments').set(auth(admin.token)).send({
      roundId: rounds.preliminary,
      projectId: project.projectId,
      expertId: colleague.id,
      reason: 'field match',
    });
    expectProblem(response, 422, 'EXPERT_CONFLICT_OF_INTEREST');
  });

  it('refuses a conflicted expert in the database even when the service is bypassed (trigger)', async () => {
    const error = await t.db
      .execute(
        sql`insert into assignments (round_id, project_id, expert_user_id, source, created_at) values (${rounds.preliminary}, ${project.projectId}, ${colleague.id}, 'manual', ${t.clock.now()})`,
      )
      .then(
        () => null,
        (caught: unknown) => caught,
      );
    expect(pgErrorOf(error)?.code).toBe('SA001');
  });

  it('refuses in the database an expert who declared a conflict with the team (trigger)', async () => {
    await t.http
      .post(`/api/v1/experts/${outsider.id}/conflicts`)
      .set(auth(outsider.token))
      .send({ kind: 'team', subjectId: project.teamId, reason: '合作过' })
      .expect(201);
    const error = await t.db
      .execute(
        sql`insert into assignments (round_id, project_id, expert_user_id, source, created_at) values (${rounds.preliminary}, ${project.projectId}, ${outsider.id}, 'manual', ${t.clock.now()})`,
      )
      .then(
        () => null,
        (caught: unknown) => caught,
      );
    expect(pgErrorOf(error)?.code).toBe('SA001');
  });

  it('checks a whole statement at once: one conflicted row among many refuses them all; an update moving a row to a conflicted expert too', async () => {
    const clean = await newExpert({
      affiliationName: '无关单位（批量）',
      affiliationCreditCode: fakeCreditCode(7_001),
    });
    // The final reviews the project too: an assignment is of a project of its round.
    await t.db.execute(
      sql`insert into round_projects (round_id, project_id, added_at) values (${rounds.final}, ${project.projectId}, ${t.clock.now()})`,
    );
    const insertBoth = t.db.execute(
      sql`insert into assignments (round_id, project_id, expert_user_id, source, created_at) values
          (${rounds.preliminary}, ${project.projectId}, ${clean.id}, 'manual', ${t.clock.now()}),
          (${rounds.final}, ${project.projectId}, ${colleague.id}, 'manual', ${t.clock.now()})`,
    );
    expect(
      pgErrorOf(
        await insertBoth.then(
          () => null,
          (caught: unknown) => caught,
        ),
      )?.code,
    ).toBe('SA001');
    const [row] = rowsOf<{ id: string }>(
      await t.db.execute(
        sql`insert into assignments (round_id, project_id, expert_user_id, source, created_at) values (${rounds.final}, ${project.projectId}, ${clean.id}, 'manual', ${t.clock.now()}) returning id`,
      ),
    );
    // Changing another column of the row is not a new pair: no check.
    await t.db.execute(sql`update assignments set reason = 'checked' where id = ${row!.id}`);
    const moved = t.db.execute(sql`update assignments set expert_user_id = ${colleague.id} where id = ${row!.id}`);
    expect(
      pgErrorOf(
        await moved.then(
          () => null,
          (caught: unknown) => caught,
        ),
      )?.code,
    ).toBe('SA001');
    await t.db.execute(
      sql`delete from round_projects where round_id = ${rounds.final} and project_id = ${project.projectId}`,
    );
    expect(rowsOf(await t.db.execute(sql`select 1 from assignments where id = ${row!.id}`))).toHaveLength(0);
  });

  it('refuses an assignment of a project its round does not review, even when the service is bypassed', async () => {
    const outsider = await newExpert({
      affiliationName: '无关单位（终审）',
      affiliationCreditCode: fakeCreditCode(7_002),
    });
    const error = await t.db
      .execute(
        sql`insert into assignments (round_id, project_id, expert_user_id, source, created_at) values (${rounds.final}, ${project.projectId}, ${outsider.id}, 'manual', ${t.clock.now()})`,
      )
      .then(
        () => null,
        (caught: unknown) => caught,
      );
    expect(pgErrorOf(error)?.code).toBe('23503');
  });

  it('refuses an expert who is on the project’s team, in the service and in the database', async () => {
    const advisor = await newExpert({
      affiliationName: '某高校（指导老师）',
      affiliationCreditCode: fakeCreditCode(4),
    });
    await t.db.execute(
      sql`insert into team_members (team_id, edition_id, user_id, role, joined_at) values (${project.teamId}, ${editionId}, ${advisor.id}, 'advisor', ${t.clock.now()})`,
    );
    const response = await t.http
      .post('/api/v1/assignments')
      .set(auth(admin.token))
      .send({ roundId: rounds.preliminary, projectId: project.projectId, expertId: advisor.id, reason: 'test' });
    expectProblem(response, 422, 'EXPERT_CONFLICT_OF_INTEREST');
    const error = await t.db
      .execute(
        sql`insert into assignments (round_id, project_id, expert_user_id, source, created_at) values (${rounds.preliminary}, ${project.projectId}, ${advisor.id}, 'manual', ${t.clock.now()})`,
      )
      .then(
        () => null,
        (caught: unknown) => caught,
      );
    expect(pgErrorOf(error)?.code).toBe('SA001');
  });

  it('lets an expert declare a conflict only for themself', async () => {
    await t.http
      .post(`/api/v1/experts/${colleague.id}/conflicts`)
      .set(auth(outsider.token))
      .send({ kind: 'project', subjectId: project.projectId })
      .expect(403);
    const list = await t.http.get(`/api/v1/experts/${outsider.id}/conflicts`).set(auth(outsider.token)).expect(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ kind: 'team', subjectId: project.teamId, reason: '合作过' }),
    ]);
    // Declared at the platform clock's "now" (the tests' 2024 moment), not the database server's.
    expect(new Date(list.body.items[0].createdAt).getTime()).toBe(t.clock.now().getTime());
  });

  it('withdraws a pending assignment when the expert declares a conflict with the project', async () => {
    const third = await newExpert({ affiliationName: '第三方单位', affiliationCreditCode: fakeCreditCode(3) });
    const added = await t.http
      .post('/api/v1/assignments')
      .set(auth(admin.token))
      .send({ roundId: rounds.preliminary, projectId: project.projectId, expertId: third.id, reason: 'manual test' })
      .expect(201);
    const before = await t.http.get(`/api/v1/assignments?expertId=${third.id}`).set(auth(admin.token)).expect(200);
    // Organizers (not experts) see whom they assigned to what.
    expect(before.body.items).toEqual([
      expect.objectContaining({
        id: added.body.id,
        reason: 'manual test',
        projectTitle: expect.any(String),
        expertName: expect.any(String),
      }),
    ]);
    expect(before.body.items[0].projectTitle.length).toBeGreaterThan(0);
    await t.http
      .post(`/api/v1/experts/${third.id}/conflicts`)
      .set(auth(third.token))
      .send({ kind: 'project', subjectId: project.projectId })
      .expect(201);
    const list = await t.http.get(`/api/v1/assignments?expertId=${third.id}`).set(auth(admin.token)).expect(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).not.toContain(added.body.id);
  });

  it('auto-assigns random experts and projects without ever breaking a conflict (property over HTTP)', async () => {
    // Random worlds: units, experts affiliated by credit code or by name, declared conflicts.
    const worlds = fc.sample(
      fc.record({
        unitCount: fc.integer({ min: 2, max: 6 }),
        experts: fc.array(fc.record({ unit: fc.nat(5), byName: fc.boolean(), declare: fc.nat(5) }), {
          minLength: 3,
          maxLength: 8,
        }),
        projects: fc.array(
          fc.record({
            units: fc.uniqueArray(fc.nat(5), { minLength: 1, maxLength: 2 }),
            track: fc.constantFrom('society', 'university'),
          }),
          {
            minLength: 3,
            maxLength: 8,
          },
        ),
      }),
      { numRuns: 3, seed: 20240820 },
    );
    let codeSeed = 100;
    for (const world of worlds) {
      const unitRows: Awaited<ReturnType<typeof createUnit>>[] = [];
      for (let index = 0; index < world.unitCount; index++) {
        const code = fakeCreditCode(codeSeed++);
        unitRows.push(await createUnit(t.db, editionId, { name: `单位${code}`, creditCode: code }));
      }
      const created = [];
      for (const project of world.projects) {
        const ids = [...new Set(project.units.map((index) => unitRows[index % unitRows.length]!.id))];
        created.push(
          await createProject(t.db, {
            editionId,
            trackCode: project.track,
            unitIds: ids,
            categoryCode: 'modeling',
          }),
        );
      }
      for (const expert of world.experts) {
        const unit = unitRows[expert.unit % unitRows.length]!;
        const made = await newExpert(
          expert.byName
            ? { affiliationName: unit.name }
            : { affiliationName: 'whatever', affiliationCreditCode: unit.creditCode },
        );
        if (expert.declare === 0) {
          await t.http
            .post(`/api/v1/experts/${made.id}/conflicts`)
            .set(auth(made.token))
            .send({ kind: 'project', subjectId: created[0]!.projectId })
            .expect(201);
        } else if (expert.declare === 1) {
          const other = unitRows[(expert.unit + 1) % unitRows.length]!;
          await t.http
            .post(`/api/v1/experts/${made.id}/conflicts`)
            .set(auth(made.token))
            .send({ kind: 'unit', creditCode: other.creditCode })
            .expect(201);
        }
      }
      const result = await t.http
        .post(`/api/v1/review-rounds/${rounds.preliminary}/assignments/auto`)
        .set(auth(admin.token))
        .expect(200);
      expect(result.body.projects).toBeGreaterThan(0);
      await expectNoConflictedAssignment();
    }
  });

  it('keeps N experts per project when two auto-assignment runs race (round row lock)', async () => {
    for (let index = 0; index < 3; index++) {
      const unit = await createUnit(t.db, editionId, {
        name: `并发测试单位${index}`,
        creditCode: fakeCreditCode(400 + index),
      });
      await createProject(t.db, { editionId, trackCode: 'society', unitIds: [unit.id], categoryCode: 'data_product' });
    }
    const runs = await Promise.all(
      [1, 2].map(() =>
        t.http.post(`/api/v1/review-rounds/${rounds.preliminary}/assignments/auto`).set(auth(admin.token)),
      ),
    );
    expect(runs.map((run) => run.status)).toEqual([200, 200]);
    expect(runs[0]!.body.created + runs[1]!.body.created).toBe(15);
  });

  it('gives every project N distinct experts when enough are eligible', async () => {
    const perProject = rowsOf<{ project_id: string; n: number; distinct_n: number }>(
      await t.db.execute(
        sql`select project_id, count(*)::int as n, count(distinct expert_user_id)::int as distinct_n from assignments where round_id = ${rounds.preliminary} group by project_id`,
      ),
    );
    for (const row of perProject) {
      expect(row.n).toBe(row.distinct_n);
      expect(row.n).toBeLessThanOrEqual(5);
    }
    expect(perProject.some((row) => row.n === 5)).toBe(true);
  });
});

/** Independent check in SQL: no assignment matches the expert's unit (code or name) or a declared conflict. */
async function expectNoConflictedAssignment() {
  const rows = rowsOf<{
    expert_id: string;
    project_id: string;
    team_id: string;
    expert_code: string | null;
    expert_name: string;
    unit_codes: string[];
    unit_names: string[];
    unit_ids: string[];
  }>(
    await t.db.execute(sql`
    select a.expert_user_id as expert_id, a.project_id, p.team_id, ep.affiliation_credit_code as expert_code, ep.affiliation_name as expert_name,
           coalesce(array_agg(u.credit_code) filter (where u.id is not null), '{}') as unit_codes,
           coalesce(array_agg(u.name) filter (where u.id is not null), '{}') as unit_names,
           coalesce(array_agg(u.id::text) filter (where u.id is not null), '{}') as unit_ids
      from assignments a join projects p on p.id = a.project_id join expert_profiles ep on ep.user_id = a.expert_user_id
      left join team_units tu on tu.team_id = p.team_id left join units u on u.id = tu.unit_id
     group by a.id, a.expert_user_id, a.project_id, p.team_id, ep.affiliation_credit_code, ep.affiliation_name`),
  );
  const conflicts = rowsOf<{
    expert_user_id: string;
    kind: string;
    subject_id: string | null;
    credit_code: string | null;
  }>(await t.db.execute(sql`select expert_user_id, kind, subject_id, credit_code from expert_conflicts`));
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    const expertKeys = [row.expert_code ? `unit:${row.expert_code}` : `unit-name:${row.expert_name}`];
    for (const conflict of conflicts.filter((entry) => entry.expert_user_id === row.expert_id)) {
      expertKeys.push(
        conflict.kind === 'unit'
          ? conflict.credit_code
            ? `unit:${conflict.credit_code}`
            : `unit-id:${conflict.subject_id}`
          : `${conflict.kind}:${conflict.subject_id}`,
      );
    }
    const projectKeys = [
      `project:${row.project_id}`,
      `team:${row.team_id}`,
      ...row.unit_codes.map((code) => `unit:${code}`),
      ...row.unit_names.map((name) => `unit-name:${name}`),
      ...row.unit_ids.map((id) => `unit-id:${id}`),
    ];
    expect(isConflicted({ conflictKeys: expertKeys }, { conflictKeys: projectKeys }), JSON.stringify(row)).toBe(false);
  }
}

describe('blind review', () => {
  const secrets = {
    team: 'SECRET-TEAM-星河队',
    member: 'SECRET-MEMBER-张三',
    unit: 'SECRET-UNIT-某某科技有限公司',
    code: fakeCreditCode(777),
  };
  let assignmentId: string;
  let reviewer: { id: string; token: string };
  let ids: string[];
  let fileId: string;

  beforeAll(async () => {
    const unit = await createUnit(t.db, editionId, { name: secrets.unit, creditCode: secrets.code });
    const project = await createProject(t.db, {
      editionId,
      trackCode: 'society',
      unitIds: [unit.id],
      teamName: secrets.team,
      memberName: secrets.member,
      title: '智慧交通数据产品',
      categoryCode: 'data_product',
      fieldCode: 'transportation',
    });
    await t.db.execute(
      sql`insert into round_projects (round_id, project_id, added_at) values (${rounds.preliminary}, ${project.projectId}, ${t.clock.now()})`,
    );
    reviewer = await newExpert({ affiliationName: '评审单位', affiliationCreditCode: fakeCreditCode(778) });
    const added = await t.http
      .post('/api/v1/assignments')
      .set(auth(admin.token))
      .send({ roundId: rounds.preliminary, projectId: project.projectId, expertId: reviewer.id, reason: 'blind test' })
      .expect(201);
    assignmentId = added.body.id;
    ids = [project.teamId, unit.id, project.leaderId];
    const bytes = Buffer.from('%PDF-1.4 blind review proposal');
    await t.app.storage.write(`test/${project.projectId}`, Readable.from([bytes]));
    const [stored] = await t.db
      .insert(storedFiles)
      .values({
        storageKey: `test/${project.projectId}`,
        originalName: `${secrets.unit}-申报书.pdf`,
        mimeType: 'application/pdf',
        sizeBytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        createdAt: t.clock.now(),
      })
      .returning();
    const [file] = await t.db
      .insert(projectFiles)
      .values({ projectId: project.projectId, kind: 'proposal', storedFileId: stored!.id, addedAt: t.clock.now() })
      .returning();
    fileId = file!.id;
  });

  it('lets the expert download the project’s files under a neutral name', async () => {
    const response = await t.http
      .get(`/api/v1/assignments/${assignmentId}/files/${fileId}/content`)
      .set(auth(reviewer.token))
      .expect(200);
    expect(response.headers['content-disposition']).toContain('proposal.pdf');
    expect(response.headers['content-disposition']).not.toContain(encodeURIComponent(secrets.unit));
    expect(Buffer.from(response.body as Buffer).toString('latin1')).toContain('blind review proposal');
    const other = await newExpert({ affiliationName: '旁观单位' });
    await t.http.get(`/api/v1/assignments/${assignmentId}/files/${fileId}/content`).set(auth(other.token)).expect(404);
  });

  function walk(value: unknown, visit: (text: string) => void): void {
    if (typeof value === 'string') visit(value);
    else if (Array.isArray(value)) value.forEach((item) => walk(item, visit));
    else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        visit(key);
        walk(item, visit);
      }
    }
  }

  it('shows the expert the project but no team, member, unit name or credit code anywhere in the JSON', async () => {
    const list = await t.http.get('/api/v1/me/assignments').set(auth(reviewer.token)).expect(200);
    const detail = await t.http.get(`/api/v1/assignments/${assignmentId}`).set(auth(reviewer.token)).expect(200);
    expect(detail.body.project).toMatchObject({
      title: '智慧交通数据产品',
      fieldCodes: ['transportation'],
      categoryCode: 'data_product',
      files: [{ kind: 'proposal', mimeType: 'application/pdf' }],
    });
    expect(detail.body.rubric.length).toBeGreaterThan(0);
    for (const body of [list.body, detail.body]) {
      walk(body, (text) => {
        for (const secret of [...Object.values(secrets), ...ids]) expect(text).not.toContain(secret);
        expect(text).not.toMatch(/team|member|unit|creditCode|leader/i);
      });
    }
  });

  it('hides other experts’ assignments (404)', async () => {
    const other = await newExpert({ affiliationName: '另一单位' });
    expectProblem(
      await t.http.get(`/api/v1/assignments/${assignmentId}`).set(auth(other.token)),
      404,
      'ASSIGNMENT_NOT_FOUND',
    );
  });
});

describe('scoring: draft, submit, reopen', () => {
  let reviewer: { id: string; token: string };
  let assignmentId: string;
  const full = { innovation: 16, data_value: 20, feasibility: 12, benefit: 24, security: 8 };

  beforeAll(async () => {
    const unit = await createUnit(t.db, editionId, { name: '评分测试单位', creditCode: fakeCreditCode(900) });
    const project = await createProject(t.db, {
      editionId,
      trackCode: 'society',
      unitIds: [unit.id],
      categoryCode: 'data_product',
    });
    await t.db.execute(
      sql`insert into round_projects (round_id, project_id, added_at) values (${rounds.preliminary}, ${project.projectId}, ${t.clock.now()})`,
    );
    reviewer = await newExpert({ affiliationName: '评分专家单位', affiliationCreditCode: fakeCreditCode(901) });
    assignmentId = (
      await t.http
        .post('/api/v1/assignments')
        .set(auth(admin.token))
        .send({
          roundId: rounds.preliminary,
          projectId: project.projectId,
          expertId: reviewer.id,
          reason: 'scoring test',
        })
        .expect(201)
    ).body.id;
  });

  it('saves a partial draft and refuses to submit it incomplete', async () => {
    const draft = await t.http
      .put(`/api/v1/assignments/${assignmentId}/score`)
      .set(auth(reviewer.token))
      .send({ values: { innovation: 16 }, comment: '创新点明确' })
      .expect(200);
    expect(draft.body).toMatchObject({ status: 'draft', total: 16, comment: '创新点明确' });
    expectProblem(
      await t.http.post(`/api/v1/assignments/${assignmentId}/score/submit`).set(auth(reviewer.token)).send({}),
      422,
      'SCORE_CRITERION_MISSING',
    );
  });

  it('refuses a score above a criterion’s max', async () => {
    expectProblem(
      await t.http
        .put(`/api/v1/assignments/${assignmentId}/score`)
        .set(auth(reviewer.token))
        .send({ values: { ...full, innovation: 21 } }),
      422,
      'SCORE_OUT_OF_RANGE',
    );
  });

  it('submits with comments per criterion; the total is Σ weight × score / max = 80', async () => {
    const submitted = await t.http
      .post(`/api/v1/assignments/${assignmentId}/score/submit`)
      .set(auth(reviewer.token))
      .send({ values: full, comments: { innovation: '较好' } })
      .expect(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', total: 80, comments: { innovation: '较好' } });
    expect(submitted.body.submittedAt).not.toBeNull();
  });

  it('refuses the expert changing a submitted score', async () => {
    expectProblem(
      await t.http.put(`/api/v1/assignments/${assignmentId}/score`).set(auth(reviewer.token)).send({ values: full }),
      409,
      'SCORE_ALREADY_SUBMITTED',
    );
  });

  it('lets only an admin reopen a submitted score, with a reason; the expert then resubmits', async () => {
    const detail = await t.http.get(`/api/v1/assignments/${assignmentId}`).set(auth(reviewer.token)).expect(200);
    const scoreId = detail.body.score.id;
    await t.http.post(`/api/v1/scores/${scoreId}/reopen`).set(auth(reviewer.token)).send({ reason: 'x' }).expect(403);
    await t.http.post(`/api/v1/scores/${scoreId}/reopen`).set(auth(admin.token)).send({}).expect(400);
    const asAdmin = await t.http.get(`/api/v1/scores/${scoreId}`).set(auth(admin.token)).expect(200);
    expect(asAdmin.body).toMatchObject({
      status: 'submitted',
      total: 80,
      values: full,
      assignmentId,
      expertId: reviewer.id,
    });
    await t.http.get(`/api/v1/scores/${scoreId}`).set(auth(reviewer.token)).expect(403);
    const reopened = await t.http
      .post(`/api/v1/scores/${scoreId}/reopen`)
      .set(auth(admin.token))
      .send({ reason: '专家申请修改笔误' })
      .expect(200);
    expect(reopened.body).toMatchObject({ status: 'draft', reopenReason: '专家申请修改笔误' });
    const resubmitted = await t.http
      .post(`/api/v1/assignments/${assignmentId}/score/submit`)
      .set(auth(reviewer.token))
      .send({ values: { ...full, benefit: 27 } })
      .expect(200);
    expect(resubmitted.body.total).toBe(83);
  });

  it('accepts exactly one of two concurrent submissions of the same score', async () => {
    const unit = await createUnit(t.db, editionId, { name: '并发评分单位', creditCode: fakeCreditCode(902) });
    const project = await createProject(t.db, {
      editionId,
      trackCode: 'society',
      unitIds: [unit.id],
      categoryCode: 'data_product',
    });
    await t.db.execute(
      sql`insert into round_projects (round_id, project_id, added_at) values (${rounds.preliminary}, ${project.projectId}, ${t.clock.now()})`,
    );
    const id = (
      await t.http
        .post('/api/v1/assignments')
        .set(auth(admin.token))
        .send({ roundId: rounds.preliminary, projectId: project.projectId, expertId: reviewer.id, reason: 'race' })
        .expect(201)
    ).body.id;
    const results = await Promise.all(
      [1, 2].map(() =>
        t.http.post(`/api/v1/assignments/${id}/score/submit`).set(auth(reviewer.token)).send({ values: full }),
      ),
    );
    expect(results.map((result) => result.status).sort()).toEqual([200, 409]);
  });

  it('refuses removing an assignment whose score is submitted', async () => {
    expectProblem(
      await t.http.delete(`/api/v1/assignments/${assignmentId}`).set(auth(admin.token)).send({ reason: 'test' }),
      409,
      'ASSIGNMENT_HAS_SUBMITTED_SCORE',
    );
  });
});

describe('time zones: review records are presented in the edition’s own zone', () => {
  let original: string;

  beforeAll(async () => {
    original = rowsOf<{ time_zone: string }>(
      await t.db.execute(sql`select time_zone from editions where id = ${editionId}`),
    )[0]!.time_zone;
    await t.db.execute(sql`update editions set time_zone = 'Asia/Urumqi' where id = ${editionId}`);
    forgetReferenceData(t.db);
  });
  afterAll(async () => {
    await t.db.execute(sql`update editions set time_zone = ${original} where id = ${editionId}`);
    forgetReferenceData(t.db);
  });

  it('presents the round, the assignment and the score with the edition’s offset (+06:00), not the default +08:00', async () => {
    const preliminary = await t.http.get(`/api/v1/review-rounds/${rounds.preliminary}`).set(auth(admin.token));
    expect(preliminary.status, JSON.stringify(preliminary.body)).toBe(200);
    expect(preliminary.body.openedAt).toMatch(/\+06:00$/);
    const list = await t.http.get('/api/v1/editions/current/review-rounds').set(auth(admin.token)).expect(200);
    expect(list.body.items.find((round: { id: string }) => round.id === rounds.preliminary).openedAt).toMatch(
      /\+06:00$/,
    );

    const unit = await createUnit(t.db, editionId, { name: '时区测试单位', creditCode: fakeCreditCode(880960) });
    const project = await createProject(t.db, {
      editionId,
      trackCode: 'society',
      unitIds: [unit.id],
      categoryCode: 'data_product',
    });
    await t.db.execute(
      sql`insert into round_projects (round_id, project_id, added_at) values (${rounds.preliminary}, ${project.projectId}, ${t.clock.now()})`,
    );
    const reviewer = await newExpert({
      affiliationName: '时区专家单位',
      affiliationCreditCode: fakeCreditCode(880951),
    });
    const assignment = await t.http
      .post('/api/v1/assignments')
      .set(auth(admin.token))
      .send({
        roundId: rounds.preliminary,
        projectId: project.projectId,
        expertId: reviewer.id,
        reason: 'time zone test',
      })
      .expect(201);
    expect(assignment.body.createdAt).toMatch(/\+06:00$/);

    const full = { innovation: 16, data_value: 20, feasibility: 12, benefit: 24, security: 8 };
    const submitted = await t.http
      .post(`/api/v1/assignments/${assignment.body.id}/score/submit`)
      .set(auth(reviewer.token))
      .send({ values: full })
      .expect(200);
    expect(submitted.body.submittedAt).toMatch(/\+06:00$/);
    // The instant itself is unchanged: the platform clock's moment, written in Ürümqi time.
    expect(new Date(submitted.body.submittedAt).getTime()).toBe(new Date(DURING_PRELIMINARY).getTime());
    const asAdmin = await t.http.get(`/api/v1/scores/${submitted.body.id}`).set(auth(admin.token)).expect(200);
    expect(asAdmin.body.submittedAt).toBe(submitted.body.submittedAt);
    const mine = await t.http.get('/api/v1/me/assignments').set(auth(reviewer.token));
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    expect(mine.body.items[0].score.submittedAt).toMatch(/\+06:00$/);
  });
});

describe('aggregation, ranking and advancement', () => {
  // Product-innovation preliminary rubric: innovation 20, data_value 25, feasibility 15, benefit 30, security 10.
  const sheets = [
    { innovation: 20, data_value: 25, feasibility: 15, benefit: 30, security: 10 }, // 100
    { innovation: 10, data_value: 20, feasibility: 10, benefit: 20, security: 5 }, // 65
    { innovation: 15, data_value: 20, feasibility: 12, benefit: 25, security: 8 }, // 80
    { innovation: 5, data_value: 10, feasibility: 5, benefit: 10, security: 0 }, // 30
    { innovation: 18, data_value: 22, feasibility: 14, benefit: 26, security: 9 }, // 89
  ];
  let strong: string;
  let weak: string;

  beforeAll(async () => {
    const unit = await createUnit(t.db, editionId, { name: '排名测试单位', creditCode: fakeCreditCode(950) });
    strong = (
      await createProject(t.db, {
        editionId,
        trackCode: 'society',
        unitIds: [unit.id],
        categoryCode: 'public_component',
        title: '公共组件甲',
      })
    ).projectId;
    weak = (
      await createProject(t.db, {
        editionId,
        trackCode: 'society',
        unitIds: [unit.id],
        categoryCode: 'public_component',
        title: '公共组件乙',
      })
    ).projectId;
    await t.db.execute(
      sql`insert into round_projects (round_id, project_id, added_at) values (${rounds.preliminary}, ${strong}, ${t.clock.now()}), (${rounds.preliminary}, ${weak}, ${t.clock.now()})`,
    );
    for (const [index, values] of sheets.entries()) {
      const reviewer = await newExpert({
        affiliationName: `排名专家单位${index}`,
        affiliationCreditCode: fakeCreditCode(960 + index),
      });
      for (const [projectId, sheet] of [
        [strong, values],
        [weak, { innovation: 10, data_value: 10, feasibility: 10, benefit: 10, security: 10 }], // 50 each
      ] as const) {
        const assignment = await t.http
          .post('/api/v1/assignments')
          .set(auth(admin.token))
          .send({ roundId: rounds.preliminary, projectId, expertId: reviewer.id, reason: 'ranking test' })
          .expect(201);
        await t.http
          .post(`/api/v1/assignments/${assignment.body.id}/score/submit`)
          .set(auth(reviewer.token))
          .send({ values: sheet })
          .expect(200);
      }
    }
  });

  it('drops the highest and lowest of five totals: 100, 65, 80, 30, 89 → (65 + 80 + 89) / 3 = 78', async () => {
    const ranking = await t.http
      .get(`/api/v1/review-rounds/${rounds.preliminary}/ranking`)
      .set(auth(admin.token))
      .expect(200);
    const group = ranking.body.groups.find(
      (entry: { trackCode: string; categoryCode: string }) =>
        entry.trackCode === 'society' && entry.categoryCode === 'public_component',
    );
    expect(
      group.entries.map((entry: { projectId: string; rank: number; result: number }) => [
        entry.projectId,
        entry.rank,
        entry.result,
      ]),
    ).toEqual([
      [strong, 1, 78],
      [weak, 2, 50],
    ]);
    expect(group.entries[0]).toMatchObject({ trimmed: true, count: 5, median: 80, kept: [65, 80, 89] });
  });

  it('refuses advancement before the preliminary is closed', async () => {
    expectProblem(
      await t.http.post(`/api/v1/review-rounds/${rounds.preliminary}/advance`).set(auth(admin.token)).send({ topK: 1 }),
      409,
      'ROUND_NOT_CLOSED',
    );
  });

  it('closes the round, then refuses new scores and rubric changes', async () => {
    await t.http.post(`/api/v1/review-rounds/${rounds.preliminary}/close`).set(auth(admin.token)).expect(200);
    const rubric = await t.http
      .put(`/api/v1/review-rounds/${rounds.preliminary}/rubrics/modeling`)
      .set(auth(admin.token))
      .send({ criteria: [{ code: 'all', nameZh: '总体', nameEn: 'Overall', weight: 100, maxScore: 100 }] });
    expectProblem(rubric, 409, 'ROUND_NOT_DRAFT');
    expectProblem(
      await t.http.post(`/api/v1/review-rounds/${rounds.preliminary}/open`).set(auth(admin.token)),
      409,
      'ROUND_TRANSITION_INVALID',
    );
  });

  it('advances the top 1 of each track × category to the final', async () => {
    const response = await t.http
      .post(`/api/v1/review-rounds/${rounds.preliminary}/advance`)
      .set(auth(admin.token))
      .send({ topK: 1 })
      .expect(200);
    const advanced = response.body.advanced.map((entry: { projectId: string }) => entry.projectId);
    expect(advanced).toContain(strong);
    expect(advanced).not.toContain(weak);
    const finalists = await t.http
      .get(`/api/v1/review-rounds/${rounds.final}/projects`)
      .set(auth(admin.token))
      .expect(200);
    expect(finalists.body.items.find((item: { projectId: string }) => item.projectId === strong)).toMatchObject({
      advancedWith: { result: 78, rank: 1 },
    });
  });
});
