import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, type TestApp } from '../../test/app.js';
import { pdfBytes, pngBytes } from '../../test/sample-files.js';
import { editions } from '../editions/tables.js';
import { expertProfiles } from '../experts/tables.js';
import { assignments, reviewRounds, roundProjects } from '../review/tables.js';
import { createTeamFixture } from './fixtures.js';
import { bearer, openProjectsTestApp, projectHelpers, type ProjectsTestContext } from './test-kit.js';

let context: ProjectsTestContext;
let t: TestApp;
let admin: ProjectsTestContext['admin'];

beforeAll(async () => {
  context = await openProjectsTestApp();
  ({ t, admin } = context);
});

afterAll(async () => {
  await t?.close();
});

const { modelingBody, createProject, upload, readyProject, submit } = projectHelpers(() => context);

describe('project files', () => {
  it('refuses a mislabelled proposal by its content (415) and a missing kind', async () => {
    const team = await createTeamFixture(t);
    const { body: project } = await createProject(team, modelingBody());
    expectProblem(
      await upload(project.id, team.leader.token, 'proposal', pngBytes(), 'proposal.pdf'),
      415,
      'FILE_TYPE_NOT_ALLOWED',
    );
    expectProblem(await upload(project.id, team.leader.token, 'poster', pdfBytes(), 'a.pdf'), 400, 'VALIDATION_FAILED');
  });

  it('lets the team and admins download, with ranges, and refuses other participants and experts', async () => {
    const { team, project, proposal } = await readyProject();
    const url = `/api/v1/projects/${project.id}/files/${proposal.id}/content`;
    const own = await t.http.get(url).set(bearer(team.member.token));
    expect(own.status).toBe(200);
    expect(own.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('申报书.pdf')}`);
    const ranged = await t.http.get(url).set(bearer(admin.token)).set('range', 'bytes=0-4');
    expect(ranged.status).toBe(206);
    expect(ranged.headers['content-range']).toBe('bytes 0-4/4000');
    const stranger = await t.userWithToken('participant');
    expectProblem(await t.http.get(url).set(bearer(stranger.token)), 403, 'FORBIDDEN');
    const expert = await t.userWithToken('expert');
    expectProblem(await t.http.get(url).set(bearer(expert.token)), 403, 'FORBIDDEN');
  });

  it('lets the team and admins read the project, and answers 404 to everyone else: ids reveal nothing', async () => {
    const { team, project } = await readyProject();
    const url = `/api/v1/projects/${project.id}`;
    for (const reader of [team.leader, team.member, admin]) {
      expect((await t.http.get(url).set(bearer(reader.token))).body).toMatchObject({ id: project.id });
    }
    const stranger = await t.userWithToken('participant');
    expectProblem(await t.http.get(url).set(bearer(stranger.token)), 404, 'PROJECT_NOT_FOUND');
    const expert = await t.userWithToken('expert');
    expectProblem(await t.http.get(url).set(bearer(expert.token)), 404, 'PROJECT_NOT_FOUND');
  });

  it('keeps even an assigned expert out of the identified project view: blind review goes through /assignments', async () => {
    const { project, proposal } = await readyProject();
    const url = `/api/v1/projects/${project.id}/files/${proposal.id}/content`;
    const expert = await t.userWithToken('expert');
    await t.db.insert(expertProfiles).values({
      userId: expert.id,
      affiliationName: '北部湾产业投资基金',
      createdAt: t.clock.now(),
      updatedAt: t.clock.now(),
    });
    const [edition] = await t.db.select().from(editions).where(eq(editions.code, '2024-guangxi'));
    let [round] = await t.db
      .select()
      .from(reviewRounds)
      .where(and(eq(reviewRounds.editionId, edition!.id), eq(reviewRounds.kind, 'preliminary')));
    round ??= (
      await t.db
        .insert(reviewRounds)
        .values({ editionId: edition!.id, kind: 'preliminary', expertsPerProject: 3, createdAt: t.clock.now() })
        .returning()
    )[0];
    const originalStatus = round!.status;
    // An assignment is of a project of its round.
    await t.db
      .insert(roundProjects)
      .values({ roundId: round!.id, projectId: project.id, addedAt: t.clock.now() })
      .onConflictDoNothing();
    const [assignment] = await t.db
      .insert(assignments)
      .values({
        roundId: round!.id,
        projectId: project.id,
        expertUserId: expert.id,
        source: 'manual',
        createdAt: t.clock.now(),
      })
      .returning();
    try {
      await t.db.update(reviewRounds).set({ status: 'open' }).where(eq(reviewRounds.id, round!.id));
      expectProblem(await t.http.get(url).set(bearer(expert.token)), 403, 'FORBIDDEN');
      expectProblem(
        await t.http.get(`/api/v1/projects/${project.id}`).set(bearer(expert.token)),
        404,
        'PROJECT_NOT_FOUND',
      );
      const blind = await t.http
        .get(`/api/v1/assignments/${assignment!.id}/files/${proposal.id}/content`)
        .set(bearer(expert.token));
      expect(blind.status).toBe(200);
      expect(blind.headers['content-disposition']).not.toContain(encodeURIComponent('申报书'));
    } finally {
      await t.db.update(reviewRounds).set({ status: originalStatus }).where(eq(reviewRounds.id, round!.id));
    }
  });

  it('detaches a file while earlier versions keep it downloadable', async () => {
    const { team, project, proposal } = await readyProject();
    await submit(project.id, team.leader.token);
    const removed = await t.http
      .delete(`/api/v1/projects/${project.id}/files/${proposal.id}`)
      .set(bearer(team.leader.token));
    expect(removed.status).toBe(204);
    const current = await t.http.get(`/api/v1/projects/${project.id}/files`).set(bearer(team.leader.token));
    expect(current.body.items).toEqual([]);
    const version = await t.http.get(`/api/v1/projects/${project.id}/versions/1`).set(bearer(admin.token));
    expect(version.body.snapshot.files[0].id).toBe(proposal.id);
    expect(
      (await t.http.get(`/api/v1/projects/${project.id}/files/${proposal.id}/content`).set(bearer(admin.token))).status,
    ).toBe(200);
    expectProblem(await submit(project.id, team.leader.token), 422, 'PROPOSAL_FILE_REQUIRED');
  });
});
