import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter, formatMessage, messages, type ErrorCode } from '@saishi/shared';
import { DURING_COLLECTION, DURING_PRELIMINARY, createTestApp, expectProblem, type TestApp } from '../../test/app.js';
import { pdfBytes, pngBytes } from '../../test/sample-files.js';
import { sqlRows } from '../../lib/rows.js';

let t: TestApp;
let admin: { id: string; token: string };
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.userWithToken('admin');
});
afterAll(async () => t.close());

let codeSeq = 7000;
/** A fresh valid GB 32100-2015 code: a Nanning (450100) prefix and its computed check character. */
function validCode(): string {
  const first17 = `91450100${String(codeSeq++).padStart(9, '0')}`;
  return first17 + creditCodeCheckCharacter(first17)!;
}

type User = { id: string; token: string };
const participant = () => t.userWithToken('participant');
const bearer = (user: User) => `Bearer ${user.token}`;

async function createUnit(user: User, type = 'enterprise', creditCode = validCode()) {
  const res = await t.http
    .post('/api/v1/editions/current/units')
    .set('authorization', bearer(user))
    .send({ name: `单位 ${creditCode}`, type, creditCode, region: '南宁市' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; creditCode: string };
}

const postTeam = (user: User, body: Record<string, unknown>) =>
  t.http
    .post('/api/v1/teams')
    .set('authorization', bearer(user))
    .send({ name: '测试团队', ...body });

async function societyTeam(leader?: User) {
  const user = leader ?? (await participant());
  const res = await postTeam(user, { track: 'society', entrantKind: 'individual' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { leader: user, team: res.body as { id: string; inviteCode: string } };
}

async function universityTeam(existingUniversity?: { id: string }) {
  const leader = await participant();
  const university = existingUniversity ?? (await createUnit(leader, 'university'));
  const res = await postTeam(leader, {
    track: 'university',
    entrantKind: 'units',
    units: [{ unitId: university.id, isLead: true }],
    studentNumber: `S${codeSeq++}`,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { leader, team: res.body as { id: string; inviteCode: string } };
}

const join = (user: User, inviteCode: string, extra: Record<string, unknown> = {}) =>
  t.http
    .post('/api/v1/teams/join')
    .set('authorization', bearer(user))
    .send({ inviteCode, ...extra });

const upload = (user: User, path: string, bytes: Buffer, filename: string) =>
  t.http.put(`/api/v1/teams/${path}`).set('authorization', bearer(user)).attach('file', bytes, filename);

async function readyToSubmit(leader: User, teamId: string) {
  expect(
    (await t.http.post(`/api/v1/teams/${teamId}/pledge`).set('authorization', bearer(leader)).send({ accept: true }))
      .status,
  ).toBe(200);
  expect((await upload(leader, `${teamId}/commitment-letter`, pdfBytes(), '承诺书.pdf')).status).toBe(200);
}

describe('units (R-SOC-1)', () => {
  it('registers a unit with a valid credit code and refuses a wrong check character (R-SOC-1)', async () => {
    const user = await participant();
    const code = validCode();
    await createUnit(user, 'enterprise', code.toLowerCase());
    const wrong = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
    expectProblem(
      await t.http
        .post('/api/v1/editions/current/units')
        .set('authorization', bearer(user))
        .send({ name: 'X', type: 'enterprise', creditCode: wrong }),
      422,
      'CREDIT_CODE_CHECK_DIGIT',
      'R-SOC-1',
    );
  });

  it('keeps one unit per credit code in an edition', async () => {
    const user = await participant();
    const unit = await createUnit(user);
    const taken = expectProblem(
      await t.http
        .post('/api/v1/editions/current/units')
        .set('authorization', bearer(user))
        .send({ name: 'Y', type: 'enterprise', creditCode: unit.creditCode }),
      409,
      'UNIT_EXISTS',
    );
    // The answer hands over the unit already registered, to use instead.
    expect(taken.existing).toEqual({ id: unit.id, name: `单位 ${unit.creditCode}` });
    expect(taken.detail).toContain(unit.id);
    const found = await t.http
      .get(`/api/v1/editions/current/units?creditCode=${unit.creditCode}`)
      .set('authorization', bearer(user));
    expect(found.body.items.map((item: { id: string }) => item.id)).toEqual([unit.id]);
  });
});

describe('team make-up', () => {
  it('accepts an individual society team and a unit team, refuses a unit team without a unit (R-SOC-1)', async () => {
    await societyTeam();
    const user = await participant();
    const unit = await createUnit(user, 'research_institute');
    expect(
      (await postTeam(user, { track: 'society', entrantKind: 'units', units: [{ unitId: unit.id, isLead: true }] }))
        .status,
    ).toBe(201);
    expectProblem(
      await postTeam(await participant(), { track: 'society', entrantKind: 'units', units: [] }),
      422,
      'UNIT_TEAM_NEEDS_UNIT',
      'R-SOC-1',
    );
  });

  it('requires exactly one lead unit in a joint entry (R-SOC-2)', async () => {
    const user = await participant();
    const [a, b] = [await createUnit(user), await createUnit(user, 'public_institution')];
    expectProblem(
      await postTeam(user, {
        track: 'society',
        entrantKind: 'units',
        units: [
          { unitId: a.id, isLead: true },
          { unitId: b.id, isLead: true },
        ],
      }),
      422,
      'LEAD_UNIT_REQUIRED',
      'R-SOC-2',
    );
    const ok = await postTeam(user, {
      track: 'society',
      entrantKind: 'units',
      units: [
        { unitId: a.id, isLead: true },
        { unitId: b.id, isLead: false },
      ],
    });
    expect(ok.status).toBe(201);
    expect(ok.body.units.find((unit: { isLead: boolean }) => unit.isLead).unitId).toBe(a.id);
  });

  it('lets a unit field several teams (R-ALL-1)', async () => {
    const first = await participant();
    const unit = await createUnit(first);
    expect(
      (await postTeam(first, { track: 'society', entrantKind: 'units', units: [{ unitId: unit.id, isLead: true }] }))
        .status,
    ).toBe(201);
    expect(
      (
        await postTeam(await participant(), {
          track: 'society',
          entrantKind: 'units',
          units: [{ unitId: unit.id, isLead: true }],
        })
      ).status,
    ).toBe(201);
  });

  it('puts a university team under one university, and refuses another kind of unit (R-UNI-1)', async () => {
    await universityTeam();
    const user = await participant();
    const company = await createUnit(user);
    expectProblem(
      await postTeam(user, {
        track: 'university',
        entrantKind: 'units',
        units: [{ unitId: company.id, isLead: true }],
        studentNumber: 'S1',
      }),
      422,
      'UNIVERSITY_TEAM_NEEDS_UNIVERSITY',
      'R-UNI-1',
    );
  });

  it('tells a university team entering as an individual to enter as units, and says how (R-UNI-1)', async () => {
    const user = await participant();
    const university = await createUnit(user, 'university');
    const refused = expectProblem(
      await postTeam(user, {
        track: 'university',
        entrantKind: 'individual',
        units: [{ unitId: university.id, isLead: true }],
        studentNumber: 'S2',
      }).set('accept-language', 'en'),
      422,
      'UNIVERSITY_TEAM_ENTERS_AS_UNITS',
      'R-UNI-1',
    );
    expect(refused.detail).toContain('set entrantKind to units');
    expect((refused.errors as { path: string }[]).map((error) => error.path)).toEqual(['/body/entrantKind']);
    const noUniversity = expectProblem(
      await postTeam(user, { track: 'university', entrantKind: 'units', units: [], studentNumber: 'S2' }),
      422,
      'UNIVERSITY_TEAM_NEEDS_UNIVERSITY',
      'R-UNI-1',
    );
    expect(noUniversity.detail).toContain('先登记该单位');
  });

  it('requires a student number of each student of the university track (R-UNI-1)', async () => {
    const { team } = await universityTeam();
    expectProblem(await join(await participant(), team.inviteCode), 422, 'STUDENT_NUMBER_REQUIRED', 'R-UNI-1');
    expect((await join(await participant(), team.inviteCode, { studentNumber: `S${codeSeq++}` })).status).toBe(200);
  });
});

describe('team size', () => {
  it('takes a fifth society representative and refuses a sixth (R-SOC-4)', async () => {
    const { team } = await societyTeam();
    for (let index = 0; index < 4; index++) expect((await join(await participant(), team.inviteCode)).status).toBe(200);
    expectProblem(await join(await participant(), team.inviteCode), 422, 'TEAM_SIZE_EXCEEDED', 'R-SOC-4');
  });

  it('counts the advisor in the six of a university team and refuses a seventh (R-UNI-2)', async () => {
    const { team } = await universityTeam();
    for (let index = 0; index < 4; index++)
      expect((await join(await participant(), team.inviteCode, { studentNumber: `S${codeSeq++}` })).status).toBe(200);
    expect((await join(await participant(), team.inviteCode, { role: 'advisor' })).status).toBe(200);
    expectProblem(
      await join(await participant(), team.inviteCode, { studentNumber: `S${codeSeq++}` }),
      422,
      'TEAM_SIZE_EXCEEDED',
      'R-UNI-2',
    );
  });

  it('refuses an advisor in the society track (R-UNI-2)', async () => {
    const { team } = await societyTeam();
    expectProblem(
      await join(await participant(), team.inviteCode, { role: 'advisor' }),
      422,
      'ADVISOR_ONLY_UNIVERSITY',
      'R-UNI-2',
    );
  });
});

describe('one person, one team (R-ALL-2)', () => {
  it('refuses a second team for the same person, as leader or as member', async () => {
    const { leader, team } = await societyTeam();
    const named = { id: team.id, name: '测试团队' };
    const again = expectProblem(
      await postTeam(leader, { track: 'society', entrantKind: 'individual' }),
      422,
      'ALREADY_IN_A_TEAM',
      'R-ALL-2',
    );
    expect(again.existing).toEqual(named);
    expect(again.detail).toContain(`“测试团队”（id ${team.id}）`);
    const other = await societyTeam();
    const joining = expectProblem(await join(leader, other.team.inviteCode), 422, 'ALREADY_IN_A_TEAM', 'R-ALL-2');
    expect(joining.existing).toEqual(named);
    const rejoining = expectProblem(await join(leader, team.inviteCode), 422, 'ALREADY_IN_A_TEAM', 'R-ALL-2');
    expect(rejoining.existing).toEqual(named);
  });

  it('refuses one student number of a university in two teams, whatever the account (R-ALL-2)', async () => {
    const university = await createUnit(await participant(), 'university');
    const a = await universityTeam(university);
    const b = await universityTeam(university);
    expect((await join(await participant(), a.team.inviteCode, { studentNumber: 'SAME-2024-001' })).status).toBe(200);
    expectProblem(
      await join(await participant(), b.team.inviteCode, { studentNumber: 'SAME-2024-001' }),
      422,
      'STUDENT_NUMBER_TAKEN',
      'R-ALL-2',
    );
  });

  it('accepts the same student number at two universities: two different students (R-UNI-1)', async () => {
    const a = await universityTeam();
    const b = await universityTeam();
    expect((await join(await participant(), a.team.inviteCode, { studentNumber: 'TWIN-2024-007' })).status).toBe(200);
    expect((await join(await participant(), b.team.inviteCode, { studentNumber: 'TWIN-2024-007' })).status).toBe(200);
  });

  it('lets exactly one of 10 concurrent joins with one student number of a university succeed (R-ALL-2)', async () => {
    const university = await createUnit(await participant(), 'university');
    const teams = [];
    for (let index = 0; index < 10; index++) teams.push((await universityTeam(university)).team);
    const people = await Promise.all(teams.map(() => participant()));
    const answers = await Promise.all(
      teams.map((team, index) => join(people[index]!, team.inviteCode, { studentNumber: 'RACE-2024-042' })),
    );
    expect(answers.filter((res) => res.status === 200)).toHaveLength(1);
    for (const res of answers.filter((answer) => answer.status !== 200))
      expectProblem(res, 422, 'STUDENT_NUMBER_TAKEN', 'R-ALL-2');
  });

  it('keeps a student number unique when a team moves to another university (R-ALL-2)', async () => {
    const first = await createUnit(await participant(), 'university');
    const second = await createUnit(await participant(), 'university');
    const stay = await universityTeam(second);
    expect((await join(await participant(), stay.team.inviteCode, { studentNumber: 'MOVE-2024-001' })).status).toBe(
      200,
    );
    const mover = await universityTeam(first);
    expect((await join(await participant(), mover.team.inviteCode, { studentNumber: 'MOVE-2024-001' })).status).toBe(
      200,
    );
    expectProblem(
      await t.http
        .patch(`/api/v1/teams/${mover.team.id}`)
        .set('authorization', bearer(mover.leader))
        .send({ units: [{ unitId: second.id, isLead: true }] }),
      422,
      'STUDENT_NUMBER_TAKEN',
      'R-ALL-2',
    );
  });

  it('lets exactly one of 50 concurrent joins of one person into 50 teams succeed (R-ALL-2)', async () => {
    const teams = [];
    for (let index = 0; index < 50; index++) teams.push((await societyTeam()).team);
    const person = await participant();
    const answers = await Promise.all(teams.map((team) => join(person, team.inviteCode)));
    expect(answers.filter((res) => res.status === 200)).toHaveLength(1);
    for (const res of answers.filter((answer) => answer.status !== 200))
      expectProblem(res, 422, 'ALREADY_IN_A_TEAM', 'R-ALL-2');
    const mine = await t.http.get('/api/v1/me/teams').set('authorization', bearer(person));
    expect(mine.body.items).toHaveLength(1);
  });

  it('lets exactly 2 of 10 concurrent joins into a team with 2 free seats succeed (R-SOC-4)', async () => {
    const { team } = await societyTeam();
    for (let index = 0; index < 2; index++) expect((await join(await participant(), team.inviteCode)).status).toBe(200);
    const people = await Promise.all(Array.from({ length: 10 }, () => participant()));
    const answers = await Promise.all(people.map((person) => join(person, team.inviteCode)));
    expect(answers.filter((res) => res.status === 200)).toHaveLength(2);
    for (const res of answers.filter((answer) => answer.status !== 200))
      expectProblem(res, 422, 'TEAM_SIZE_EXCEEDED', 'R-SOC-4');
    const detail = await t.http.get(`/api/v1/teams/${team.id}`).set('authorization', bearer(admin));
    expect(detail.body.members).toHaveLength(5);
  });
});

describe('timeline (R-TIME-1, R-TIME-2)', () => {
  it('refuses a new team outside collection (R-TIME-1)', async () => {
    t.clock.set('2024-06-01T10:00:00+08:00');
    try {
      expectProblem(
        await postTeam(await participant(), { track: 'society', entrantKind: 'individual' }),
        422,
        'COLLECTION_CLOSED',
        'R-TIME-1',
      );
    } finally {
      t.clock.set(DURING_COLLECTION);
    }
    expect((await postTeam(await participant(), { track: 'society', entrantKind: 'individual' })).status).toBe(201);
  });

  it('answers a new team after the registration deadline with COLLECTION_CLOSED (R-TIME-1), not ROSTER_FROZEN', async () => {
    t.clock.set(DURING_PRELIMINARY);
    try {
      const refused = expectProblem(
        await postTeam(await participant(), { track: 'society', entrantKind: 'individual' }),
        422,
        'COLLECTION_CLOSED',
        'R-TIME-1',
      );
      expect(refused.detail).toContain('初赛评审');
    } finally {
      t.clock.set(DURING_COLLECTION);
    }
  });

  it('freezes the roster after the registration deadline, while organizers still see and annotate (R-TIME-2)', async () => {
    const { leader, team } = await societyTeam();
    const member = await participant();
    expect((await join(member, team.inviteCode)).status).toBe(200);
    t.clock.set(DURING_PRELIMINARY);
    try {
      expectProblem(await join(await participant(), team.inviteCode), 422, 'ROSTER_FROZEN', 'R-TIME-2');
      expectProblem(
        await t.http.delete(`/api/v1/teams/${team.id}/members/${member.id}`).set('authorization', bearer(leader)),
        422,
        'ROSTER_FROZEN',
        'R-TIME-2',
      );
      expect((await t.http.get(`/api/v1/teams/${team.id}`).set('authorization', bearer(admin))).status).toBe(200);
      const note = await t.http
        .post(`/api/v1/teams/${team.id}/annotations`)
        .set('authorization', bearer(admin))
        .send({ body: '材料齐全' });
      expect(note.status).toBe(201);
      const notes = await t.http.get(`/api/v1/teams/${team.id}/annotations`).set('authorization', bearer(admin));
      expect(notes.body.items.map((item: { body: string }) => item.body)).toEqual(['材料齐全']);
    } finally {
      t.clock.set(DURING_COLLECTION);
    }
    expect(
      (await t.http.delete(`/api/v1/teams/${team.id}/members/${member.id}`).set('authorization', bearer(leader)))
        .status,
    ).toBe(204);
  });

  it('accepts a submission for qualification only during collection (R-TIME-1)', async () => {
    const { leader, team } = await societyTeam();
    await readyToSubmit(leader, team.id);
    t.clock.set(DURING_PRELIMINARY);
    try {
      expectProblem(
        await t.http.post(`/api/v1/teams/${team.id}/submit`).set('authorization', bearer(leader)),
        422,
        'COLLECTION_CLOSED',
        'R-TIME-1',
      );
    } finally {
      t.clock.set(DURING_COLLECTION);
    }
    expect((await t.http.post(`/api/v1/teams/${team.id}/submit`).set('authorization', bearer(leader))).status).toBe(
      200,
    );
  });
});

describe('qualification (资格审核)', () => {
  it('refuses to submit without the commitment letter and the pledge (R-ALL-3), then accepts', async () => {
    const { leader, team } = await societyTeam();
    const refused = expectProblem(
      await t.http.post(`/api/v1/teams/${team.id}/submit`).set('authorization', bearer(leader)),
      422,
      'COMMITMENT_LETTER_REQUIRED',
      'R-ALL-3',
    );
    expect((refused.errors as { code: string }[]).map((error) => error.code)).toEqual([
      'COMMITMENT_LETTER_REQUIRED',
      'PLEDGE_REQUIRED',
    ]);
    await readyToSubmit(leader, team.id);
    const submitted = await t.http.post(`/api/v1/teams/${team.id}/submit`).set('authorization', bearer(leader));
    expect(submitted.status).toBe(200);
    expect(submitted.body.qualificationStatus).toBe('submitted');
  });

  it('requires a student ID upload of each student before submission (R-UNI-1)', async () => {
    const { leader, team } = await universityTeam();
    await readyToSubmit(leader, team.id);
    expectProblem(
      await t.http.post(`/api/v1/teams/${team.id}/submit`).set('authorization', bearer(leader)),
      422,
      'STUDENT_PROOF_REQUIRED',
      'R-UNI-1',
    );
    expect((await upload(leader, `${team.id}/members/${leader.id}/student-id`, pngBytes(), 'card.png')).status).toBe(
      200,
    );
    expect((await t.http.post(`/api/v1/teams/${team.id}/submit`).set('authorization', bearer(leader))).status).toBe(
      200,
    );
  });

  it('lists the next steps in path order with the params of each catalog message, {} when none (R-ALL-3, R-UNI-1)', async () => {
    const { leader, team } = await universityTeam();
    const res = await t.http.get(`/api/v1/teams/${team.id}`).set('authorization', bearer(leader));
    expect(res.status).toBe(200);
    const missing = res.body.missing as {
      step: string;
      code: ErrorCode;
      ruleId: string | null;
      path: string;
      params: Record<string, string | number>;
    }[];
    expect(missing).toEqual([
      {
        step: 'complete_members',
        code: 'STUDENT_PROOF_REQUIRED',
        ruleId: 'R-UNI-1',
        path: '/members/0',
        params: { userId: leader.id },
      },
      {
        step: 'pledge_and_letter',
        code: 'COMMITMENT_LETTER_REQUIRED',
        ruleId: 'R-ALL-3',
        path: '/commitmentLetter',
        params: {},
      },
      { step: 'pledge_and_letter', code: 'PLEDGE_REQUIRED', ruleId: 'R-ALL-3', path: '/pledge', params: {} },
      {
        step: 'submit_team',
        code: 'STEP_SUBMIT_TEAM',
        ruleId: null,
        path: '/qualificationStatus',
        params: { teamId: team.id },
      },
      {
        step: 'organizer_approval',
        code: 'STEP_AWAIT_APPROVAL',
        ruleId: null,
        path: '/qualificationStatus',
        params: {},
      },
      {
        step: 'create_project',
        code: 'STEP_CREATE_PROJECT',
        ruleId: null,
        path: '/project',
        params: { teamId: team.id },
      },
      {
        step: 'submit_version',
        code: 'STEP_SUBMIT_VERSION',
        ruleId: null,
        path: '/project',
        params: { projectId: '{projectId}' },
      },
    ]);
    // A client formats each item from the shared catalog.
    for (const item of missing.slice(0, 3))
      expect(formatMessage(item.code, 'zh-CN', item.params)).toBe(messages[item.code]['zh-CN']);
    expect(formatMessage(missing[3]!.code, 'en', missing[3]!.params)).toContain(`POST /api/v1/teams/${team.id}/submit`);
  });

  it('moves the next step along the path: submit, approval, then the project (issue 11 item 7)', async () => {
    const { leader, team } = await societyTeam();
    const steps = async () =>
      (
        (await t.http.get(`/api/v1/teams/${team.id}`).set('authorization', bearer(leader))).body.missing as {
          step: string;
        }[]
      ).map((item) => item.step);
    expect(await steps()).toEqual([
      'pledge_and_letter',
      'pledge_and_letter',
      'submit_team',
      'organizer_approval',
      'create_project',
      'submit_version',
    ]);
    await readyToSubmit(leader, team.id);
    expect((await steps())[0]).toBe('submit_team');
    await t.http.post(`/api/v1/teams/${team.id}/submit`).set('authorization', bearer(leader)).expect(200);
    expect(await steps()).toEqual(['organizer_approval', 'create_project', 'submit_version']);
    await t.http
      .post(`/api/v1/teams/${team.id}/qualification`)
      .set('authorization', bearer(admin))
      .send({ decision: 'approve' })
      .expect(200);
    expect(await steps()).toEqual(['create_project', 'submit_version']);
  });

  it('gives the listed unit in the params of a blacklisted-unit readiness item (R-SOC-3)', async () => {
    const leader = await participant();
    const unit = await createUnit(leader);
    const teamRes = await postTeam(leader, {
      track: 'society',
      entrantKind: 'units',
      units: [{ unitId: unit.id, isLead: true }],
    });
    expect(teamRes.status).toBe(201);
    const list = Buffer.from(
      `统一社会信用代码,单位名称,名单类型,来源日期\n${unit.creditCode},某公司,失信被执行人,2024-05-01\n`,
      'utf8',
    );
    expect(
      (
        await t.http
          .post('/api/v1/blacklists/import')
          .set('authorization', bearer(admin))
          .attach('file', list, 'list.csv')
      ).status,
    ).toBe(200);
    const res = await t.http.get(`/api/v1/teams/${teamRes.body.id}`).set('authorization', bearer(leader));
    expect(res.body.missing).toContainEqual({
      step: 'complete_members',
      code: 'UNIT_BLACKLISTED',
      ruleId: 'R-SOC-3',
      path: '/units/0',
      params: { unitId: unit.id },
    });
    // The flag is the last step: the organizers clear it once the unit is delisted.
    expect(res.body.missing.at(-1)).toEqual({
      step: 'flag_clearance',
      code: 'STEP_AWAIT_FLAG_CLEARANCE',
      ruleId: 'R-SOC-3',
      path: '/flaggedAt',
      params: {},
    });
  });

  it('approves, rejects with a reason, returns for changes, and records every transition', async () => {
    const a = await societyTeam();
    await readyToSubmit(a.leader, a.team.id);
    await t.http.post(`/api/v1/teams/${a.team.id}/submit`).set('authorization', bearer(a.leader));
    expectProblem(
      await t.http
        .post(`/api/v1/teams/${a.team.id}/qualification`)
        .set('authorization', bearer(admin))
        .send({ decision: 'reject' }),
      400,
      'QUALIFICATION_REASON_REQUIRED',
    );
    const returned = await t.http
      .post(`/api/v1/teams/${a.team.id}/qualification`)
      .set('authorization', bearer(admin))
      .send({ decision: 'return', reason: '承诺书未盖章' });
    expect(returned.body.qualificationStatus).toBe('returned');
    expect((await t.http.post(`/api/v1/teams/${a.team.id}/submit`).set('authorization', bearer(a.leader))).status).toBe(
      200,
    );
    const approved = await t.http
      .post(`/api/v1/teams/${a.team.id}/qualification`)
      .set('authorization', bearer(admin))
      .send({ decision: 'approve' });
    expect(approved.body.qualificationStatus).toBe('approved');
    expectProblem(
      await t.http
        .post(`/api/v1/teams/${a.team.id}/qualification`)
        .set('authorization', bearer(admin))
        .send({ decision: 'reject', reason: 'x' }),
      409,
      'QUALIFICATION_TRANSITION_NOT_ALLOWED',
    );
    const history = await t.http.get(`/api/v1/teams/${a.team.id}/transitions`).set('authorization', bearer(a.leader));
    expect(history.body.items.map((item: { toStatus: string }) => item.toStatus)).toEqual([
      'submitted',
      'returned',
      'submitted',
      'approved',
    ]);
    expect(history.body.items[1]).toMatchObject({
      fromStatus: 'submitted',
      actorUserId: admin.id,
      reason: '承诺书未盖章',
    });
    // Instants are shown in the edition's time zone (Asia/Shanghai).
    expect(history.body.items[1].at).toBe('2024-07-15T10:00:00.000+08:00');
  });

  it('decides in bulk with one outcome per team, and the queue filters by status', async () => {
    const ready = [await societyTeam(), await societyTeam()];
    for (const { leader, team } of ready) {
      await readyToSubmit(leader, team.id);
      await t.http.post(`/api/v1/teams/${team.id}/submit`).set('authorization', bearer(leader));
    }
    const draft = await societyTeam();
    const queue = await t.http
      .get('/api/v1/teams?status=submitted&track=society&limit=200')
      .set('authorization', bearer(admin));
    const queued = queue.body.items.map((item: { id: string }) => item.id);
    expect(queued).toEqual(expect.arrayContaining(ready.map(({ team }) => team.id)));
    expect(queued).not.toContain(draft.team.id);
    const bulk = await t.http
      .post('/api/v1/teams/qualification')
      .set('authorization', bearer(admin))
      .send({
        teamIds: [...ready.map(({ team }) => team.id), draft.team.id],
        decision: 'reject',
        reason: '不符合参赛条件',
      });
    expect(bulk.status).toBe(200);
    expect(bulk.body.results.map((result: { ok: boolean }) => result.ok)).toEqual([true, true, false]);
    expect(bulk.body.results[2]).toMatchObject({ teamId: draft.team.id, code: 'QUALIFICATION_TRANSITION_NOT_ALLOWED' });
  });

  it('pages the queue with a cursor', async () => {
    const first = await t.http.get('/api/v1/teams?limit=2').set('authorization', bearer(admin));
    expect(first.body.items).toHaveLength(2);
    const second = await t.http
      .get(`/api/v1/teams?limit=2&cursor=${first.body.nextCursor}`)
      .set('authorization', bearer(admin));
    expect(second.body.items[0].id).not.toBe(first.body.items[1].id);
  });

  it('sorts the queue on the server by change, name or registration, paging each order', async () => {
    const made = await postTeam(await participant(), {
      name: '甲乙排序队',
      track: 'society',
      entrantKind: 'individual',
    });
    expect(made.status).toBe(201);
    const everything = async (sort: string) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } = await t.http
          .get(`/api/v1/teams?edition=current&limit=3&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`)
          .set('authorization', bearer(admin));
        expect(page.status).toBe(200);
        seen.push(...page.body.items.map((item) => item.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      return seen;
    };
    // The database's own order (and collation), whatever the locale of the server.
    const expected = async (orderBy: string) =>
      (
        await sqlRows<{ id: string }>(
          t.db,
          sql`select t.id from teams t where t.edition_id = (select edition_id from teams where id = ${made.body.id})
              order by ${sql.raw(orderBy)}`,
        )
      ).map((row) => row.id);
    expect(await everything('updated')).toEqual(await expected('t.updated_at, t.id'));
    expect(await everything('recent')).toEqual(await expected('t.updated_at desc, t.id desc'));
    expect(await everything('name')).toEqual(await expected('t.name, t.id'));
    expect(await everything('newest')).toEqual(await expected('t.created_at desc, t.id desc'));
    expect(await everything('updated')).not.toEqual(await everything('name'));

    const byName = await t.http.get('/api/v1/teams?limit=1&sort=name').set('authorization', bearer(admin));
    expectProblem(
      await t.http
        .get(`/api/v1/teams?limit=1&sort=updated&cursor=${byName.body.nextCursor}`)
        .set('authorization', bearer(admin)),
      400,
      'INVALID_CURSOR',
    );
    expectProblem(
      await t.http.get('/api/v1/teams?sort=score').set('authorization', bearer(admin)),
      400,
      'VALIDATION_FAILED',
    );
  });
});

describe('blacklists (R-SOC-3)', () => {
  const csv = (rows: string[][]) =>
    Buffer.from(
      ['统一社会信用代码,单位名称,名单类型,来源日期', ...rows.map((row) => row.join(','))].join('\n'),
      'utf8',
    );

  it('previews a CSV row by row without writing, then imports it and flags teams whose unit is listed', async () => {
    const leader = await participant();
    const unit = await createUnit(leader);
    const teamRes = await postTeam(leader, {
      track: 'society',
      entrantKind: 'units',
      units: [{ unitId: unit.id, isLead: true }],
    });
    const file = csv([
      [unit.creditCode, '某公司', '失信被执行人', '2024-05-01'],
      ['91450100000000000X', '坏代码', '失信被执行人', '2024-05-01'],
      [validCode(), '某研究所', '未知名单', '2024-13-01'],
    ]);
    const preview = await t.http
      .post('/api/v1/blacklists/preview')
      .set('authorization', bearer(admin))
      .attach('file', file, 'list.csv');
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ total: 3, valid: 1, invalid: 2, affectedTeamIds: [teamRes.body.id] });
    expect(preview.body.rows[1].errors[0].code).toMatch(/^CREDIT_CODE_/);
    expect(preview.body.rows[2].errors.map((error: { field: string }) => error.field)).toEqual([
      'listKind',
      'sourceDate',
    ]);
    const entries = await t.http
      .get(`/api/v1/blacklists?creditCode=${unit.creditCode}`)
      .set('authorization', bearer(admin));
    expect(entries.body.items).toHaveLength(0);

    const imported = await t.http
      .post('/api/v1/blacklists/import')
      .set('authorization', bearer(admin))
      .attach('file', file, 'list.csv');
    expect(imported.body).toMatchObject({ imported: 1, flaggedTeamIds: [teamRes.body.id] });
    const team = await t.http.get(`/api/v1/teams/${teamRes.body.id}`).set('authorization', bearer(admin));
    expect(team.body.flaggedAt).not.toBeNull();
    expect(team.body.units[0].blacklisted).toBe(true);
    const flaggedQueue = await t.http.get('/api/v1/teams?flagged=true').set('authorization', bearer(admin));
    expect(flaggedQueue.body.items.map((item: { id: string }) => item.id)).toContain(teamRes.body.id);

    // A listed unit can neither lead nor join a team.
    expectProblem(
      await postTeam(await participant(), {
        track: 'society',
        entrantKind: 'units',
        units: [{ unitId: unit.id, isLead: true }],
      }),
      422,
      'UNIT_BLACKLISTED',
      'R-SOC-3',
    );
    const clean = await createUnit(leader);
    expectProblem(
      await postTeam(await participant(), {
        track: 'society',
        entrantKind: 'units',
        units: [
          { unitId: clean.id, isLead: true },
          { unitId: unit.id, isLead: false },
        ],
      }),
      422,
      'UNIT_BLACKLISTED',
      'R-SOC-3',
    );
  });

  it('imports an XLSX workbook', async () => {
    const user = await participant();
    const unit = await createUnit(user);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名单');
    sheet.addRow(['credit_code', 'name', 'list_kind', 'source_date']);
    sheet.addRow([unit.creditCode, '某企业', 'major_tax_violation', new Date(Date.UTC(2024, 3, 2))]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await t.http
      .post('/api/v1/blacklists/import')
      .set('authorization', bearer(admin))
      .attach('file', bytes, 'list.xlsx');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.rows[0]).toMatchObject({ valid: true, listKind: 'major_tax_violation', sourceDate: '2024-04-02' });
    expectProblem(
      await postTeam(user, { track: 'society', entrantKind: 'units', units: [{ unitId: unit.id, isLead: true }] }),
      422,
      'UNIT_BLACKLISTED',
      'R-SOC-3',
    );
  });

  it('refuses to clear the flag while a unit of the team is still listed (409, R-SOC-3), then clears it with a reason once delisted', async () => {
    const leader = await participant();
    const unit = await createUnit(leader);
    const teamRes = await postTeam(leader, {
      track: 'society',
      entrantKind: 'units',
      units: [{ unitId: unit.id, isLead: true }],
    });
    expect(teamRes.status).toBe(201);
    const teamId = teamRes.body.id as string;
    const clear = (user: User, body: Record<string, unknown>) =>
      t.http.post(`/api/v1/teams/${teamId}/flag/clear`).set('authorization', bearer(user)).send(body);

    expectProblem(await clear(admin, { reason: '无标记' }), 409, 'TEAM_NOT_FLAGGED');
    const imported = await t.http
      .post('/api/v1/blacklists/import')
      .set('authorization', bearer(admin))
      .attach('file', csv([[unit.creditCode, '某公司', '失信被执行人', '2024-05-01']]), 'list.csv');
    expect(imported.body.flaggedTeamIds).toEqual([teamId]);

    const refused = expectProblem(
      await clear(admin, { reason: '单位已申诉' }),
      409,
      'TEAM_UNIT_STILL_BLACKLISTED',
      'R-SOC-3',
    );
    expect(String(refused.detail ?? refused.title)).toContain(unit.creditCode);
    expect(
      (await t.http.get(`/api/v1/teams/${teamId}`).set('authorization', bearer(admin))).body.flaggedAt,
    ).not.toBeNull();
    expectProblem(await clear(leader, { reason: '我们已移出名单' }), 403, 'FORBIDDEN');
    expect((await clear(admin, {})).status).toBe(400);
    expectProblem(await clear(admin, { reason: '   ' }), 400, 'TEAM_FLAG_REASON_REQUIRED');

    // The unit is delisted: its entry is removed, and the organizer clears the flag with a reason.
    const entries = await t.http
      .get(`/api/v1/blacklists?creditCode=${unit.creditCode}`)
      .set('authorization', bearer(admin));
    for (const entry of entries.body.items as { id: string }[])
      await t.http.delete(`/api/v1/blacklists/${entry.id}`).set('authorization', bearer(admin)).expect(204);
    const cleared = await clear(admin, { reason: '信用中国已移出名单（2024-07-10 公告）' });
    expect(cleared.status, JSON.stringify(cleared.body)).toBe(200);
    expect(cleared.body).toMatchObject({ id: teamId, flaggedAt: null, flagReason: null });
    expect(cleared.body.units[0].blacklisted).toBe(false);
    const notes = await t.http
      .get(`/api/v1/teams/${teamId}/annotations`)
      .set('authorization', bearer(admin))
      .expect(200);
    expect(notes.body.items).toHaveLength(1);
    expect(notes.body.items[0]).toMatchObject({
      authorUserId: admin.id,
      createdAt: expect.stringMatching(/^2024-07-15T10:00:00\.000\+08:00$/),
    });
    expect(notes.body.items[0].body).toContain('信用中国已移出名单（2024-07-10 公告）');
    expect(notes.body.items[0].body).toContain('R-SOC-3');
    expectProblem(await clear(admin, { reason: '再次清除' }), 409, 'TEAM_NOT_FLAGGED');
  });

  it('refuses a file without the required columns', async () => {
    const res = await t.http
      .post('/api/v1/blacklists/preview')
      .set('authorization', bearer(admin))
      .attach('file', Buffer.from('a,b\n1,2\n'), 'x.csv');
    expectProblem(res, 400, 'BLACKLIST_FILE_UNREADABLE');
  });

  it('is for organizers only', async () => {
    expectProblem(
      await t.http
        .post('/api/v1/blacklists/preview')
        .set('authorization', bearer(await participant()))
        .attach('file', csv([]), 'x.csv'),
      403,
      'FORBIDDEN',
    );
  });
});

describe('team documents and access', () => {
  it('serves a team’s files to its members and organizers only', async () => {
    const { leader, team } = await societyTeam();
    const member = await participant();
    await join(member, team.inviteCode);
    await readyToSubmit(leader, team.id);
    const byMember = await t.http
      .get(`/api/v1/teams/${team.id}/commitment-letter`)
      .set('authorization', bearer(member));
    expect(byMember.status).toBe(200);
    expect(byMember.headers['content-type']).toBe('application/pdf');
    expect(
      (await t.http.get(`/api/v1/teams/${team.id}/commitment-letter`).set('authorization', bearer(admin))).status,
    ).toBe(200);
    const outsider = (await societyTeam()).leader;
    expectProblem(
      await t.http.get(`/api/v1/teams/${team.id}/commitment-letter`).set('authorization', bearer(outsider)),
      403,
      'NOT_TEAM_MEMBER',
    );
    expectProblem(
      await t.http.get(`/api/v1/teams/${team.id}`).set('authorization', bearer(outsider)),
      403,
      'NOT_TEAM_MEMBER',
    );
    expectProblem(await t.http.get(`/api/v1/teams/${team.id}/commitment-letter`), 401, 'UNAUTHORIZED');
  });

  it('checks the type by content and lets only the leader upload the letter', async () => {
    const { leader, team } = await societyTeam();
    expectProblem(
      await upload(
        leader,
        `${team.id}/commitment-letter`,
        Buffer.from('plain text pretending to be a pdf'),
        'fake.pdf',
      ),
      415,
      'FILE_TYPE_NOT_ALLOWED',
    );
    const member = await participant();
    await join(member, team.inviteCode);
    expectProblem(await upload(member, `${team.id}/commitment-letter`, pdfBytes(), 'x.pdf'), 403, 'NOT_TEAM_LEADER');
  });

  it('refuses a participant calling the admin queue', async () => {
    expectProblem(
      await t.http.get('/api/v1/teams').set('authorization', bearer(await participant())),
      403,
      'FORBIDDEN',
    );
  });
});

describe('demo data', () => {
  it('seeds teams of both tracks, submitted and approved, once', async () => {
    const { seedDemo } = await import('../../seed/index.js');
    await seedDemo(t.db);
    const approved = await t.http
      .get('/api/v1/teams?status=approved&edition=2024-guangxi&limit=200')
      .set('authorization', bearer(admin));
    const submitted = await t.http
      .get('/api/v1/teams?status=submitted&edition=2024-guangxi&limit=200')
      .set('authorization', bearer(admin));
    const demo = (items: { name: string; trackCode: string; units: { creditCode: string }[] }[]) =>
      items.filter((item) => item.units.every((unit) => unit.creditCode.length === 18));
    expect(new Set(demo(approved.body.items).map((item) => item.trackCode))).toEqual(
      new Set(['society', 'university']),
    );
    expect(approved.body.items.filter((item: { name: string }) => item.name === '桂农数链')).toHaveLength(1);
    expect(submitted.body.items.some((item: { trackCode: string }) => item.trackCode === 'university')).toBe(true);
  });

  it('gives the submitted and approved demo teams their commitment letters and student IDs (R-ALL-3, R-UNI-1)', async () => {
    const { seedTeamDocuments } = await import('../../seed/teams.js');
    await seedTeamDocuments(t.db, t.app.storage);
    await seedTeamDocuments(t.db, t.app.storage);
    const approved = await t.http
      .get('/api/v1/teams?status=approved&edition=2024-guangxi&limit=200')
      .set('authorization', bearer(admin));
    const demo = approved.body.items.filter((item: { inviteCode: string }) => item.inviteCode.startsWith('demo-team-'));
    expect(demo).toHaveLength(3);
    // Nothing of the team itself is missing: what may be left is the project (create, submit).
    for (const team of demo)
      expect(
        (team.missing as { step: string }[]).filter(
          (item) => !['create_project', 'submit_version'].includes(item.step),
        ),
      ).toEqual([]);
    const letter = await t.http
      .get(`/api/v1/teams/${demo[0].id}/commitment-letter`)
      .set('authorization', bearer(admin));
    expect(letter.status).toBe(200);
    expect(letter.headers['content-type']).toBe('application/pdf');
  });
});

describe('team changes', () => {
  it('lets only the leader change the team, and not once it is submitted', async () => {
    const { leader, team } = await societyTeam();
    const member = await participant();
    await join(member, team.inviteCode);
    expectProblem(
      await t.http.patch(`/api/v1/teams/${team.id}`).set('authorization', bearer(member)).send({ name: '改名' }),
      403,
      'NOT_TEAM_LEADER',
    );
    const renamed = await t.http
      .patch(`/api/v1/teams/${team.id}`)
      .set('authorization', bearer(leader))
      .send({ name: '新名字' });
    expect(renamed.body.name).toBe('新名字');
    await readyToSubmit(leader, team.id);
    await t.http.post(`/api/v1/teams/${team.id}/submit`).set('authorization', bearer(leader));
    expectProblem(
      await t.http.patch(`/api/v1/teams/${team.id}`).set('authorization', bearer(leader)).send({ name: '再改' }),
      409,
      'TEAM_LOCKED_FOR_REVIEW',
    );
    expectProblem(await join(await participant(), team.inviteCode), 409, 'TEAM_LOCKED_FOR_REVIEW');
  });

  it('refuses a blacklisted unit added to an existing team (R-SOC-3)', async () => {
    const leader = await participant();
    const [clean, listed] = [await createUnit(leader), await createUnit(leader)];
    const res = await postTeam(leader, {
      track: 'society',
      entrantKind: 'units',
      units: [{ unitId: clean.id, isLead: true }],
    });
    const file = Buffer.from(
      `credit_code,name,list_kind,source_date\n${listed.creditCode},某公司,procurement_dishonesty,2024/06/30\n`,
    );
    expect(
      (await t.http.post('/api/v1/blacklists/import').set('authorization', bearer(admin)).attach('file', file, 'l.csv'))
        .body.imported,
    ).toBe(1);
    expectProblem(
      await t.http
        .patch(`/api/v1/teams/${res.body.id}`)
        .set('authorization', bearer(leader))
        .send({
          units: [
            { unitId: clean.id, isLead: true },
            { unitId: listed.id, isLead: false },
          ],
        }),
      422,
      'UNIT_BLACKLISTED',
      'R-SOC-3',
    );
  });

  it('lets a member leave, but not the leader', async () => {
    const { leader, team } = await societyTeam();
    const member = await participant();
    await join(member, team.inviteCode);
    expectProblem(
      await t.http.delete(`/api/v1/teams/${team.id}/members/${leader.id}`).set('authorization', bearer(leader)),
      409,
      'LEADER_CANNOT_LEAVE',
    );
    expect(
      (await t.http.delete(`/api/v1/teams/${team.id}/members/${member.id}`).set('authorization', bearer(member)))
        .status,
    ).toBe(204);
    // Having left, the person may join another team (R-ALL-2 counts current membership).
    expect((await join(member, (await societyTeam()).team.inviteCode)).status).toBe(200);
  });

  it('serves a student ID to its team and organizers, not to another team (R-UNI-1)', async () => {
    const { leader, team } = await universityTeam();
    const student = await participant();
    await join(student, team.inviteCode, { studentNumber: `S${codeSeq++}` });
    expect(
      (await upload(student, `${team.id}/members/${student.id}/student-id`, pdfBytes(), '学生证.pdf')).status,
    ).toBe(200);
    const path = `/api/v1/teams/${team.id}/members/${student.id}/student-id`;
    expect((await t.http.get(path).set('authorization', bearer(leader))).status).toBe(200);
    expect((await t.http.get(path).set('authorization', bearer(admin))).status).toBe(200);
    const other = await universityTeam();
    expectProblem(await t.http.get(path).set('authorization', bearer(other.leader)), 403, 'NOT_TEAM_MEMBER');
    expectProblem(
      await upload(other.leader, `${team.id}/members/${student.id}/student-id`, pngBytes(), 'x.png'),
      403,
      'NOT_TEAM_LEADER',
    );
  });

  it('refuses a document above the size limit', async () => {
    const { leader, team } = await societyTeam();
    expectProblem(
      await upload(leader, `${team.id}/commitment-letter`, pdfBytes(10 * 1024 ** 2 + 10), 'big.pdf'),
      413,
      'FILE_TOO_LARGE',
    );
  });
});
