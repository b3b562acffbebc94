import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIELD_CODES } from '@saishi/shared';
import { DURING_PRELIMINARY, createTestApp, expectProblem, type TestApp } from '../../test/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('public reads of the competition model (R-EDITION-1)', () => {
  it('lists the 12 fields of the current edition in the notice order, without login', async () => {
    const response = await t.http.get('/api/v1/editions/current/fields').expect(200);
    expect(response.body.items.map((field: { code: string }) => field.code)).toEqual([...FIELD_CODES]);
    expect(response.body.items.map((field: { nameZh: string }) => field.nameZh)).toEqual([
      '工业制造',
      '现代农业',
      '商贸流通',
      '交通运输',
      '金融服务',
      '科技创新',
      '文化旅游',
      '医疗健康',
      '应急管理',
      '气象服务',
      '城市治理',
      '绿色低碳',
    ]);
  });

  it('serves the 2024 Guangxi edition by code, id and as current', async () => {
    const current = await t.http.get('/api/v1/editions/current').expect(200);
    expect(current.body).toMatchObject({
      code: '2024-guangxi',
      theme: '乘数而上，数创未来',
      timeZone: 'Asia/Shanghai',
      status: 'published',
      divisionCode: 'guangxi',
    });
    expect(current.body.contacts).toHaveLength(3);
    expect(current.body.organizers.host).toEqual(['广西壮族自治区大数据发展局']);
    await t.http.get(`/api/v1/editions/${current.body.id}`).expect(200);
    await t.http.get('/api/v1/editions/2024-guangxi').expect(200);
    const list = await t.http.get('/api/v1/editions').expect(200);
    expect(list.body).toMatchObject({ items: [{ code: '2024-guangxi' }], nextCursor: null });
  });

  it('lists both tracks and the directions with their categories', async () => {
    const tracks = await t.http.get('/api/v1/editions/current/tracks').expect(200);
    expect(tracks.body.items.map((track: { code: string }) => track.code)).toEqual(['society', 'university']);
    const directions = await t.http.get('/api/v1/editions/current/directions').expect(200);
    expect(
      directions.body.items.map((d: { code: string; categories: { code: string }[] }) => [
        d.code,
        d.categories.map((c) => c.code),
      ]),
    ).toEqual([
      ['modeling', ['modeling']],
      ['product_innovation', ['data_product', 'public_component']],
    ]);
  });

  it('gives the society track three award categories and the university track two (R-CAT-1)', async () => {
    const response = await t.http.get('/api/v1/editions/current/award-categories').expect(200);
    const byTrack = Object.fromEntries(
      response.body.tracks.map((track: { trackCode: string; awardCategories: { code: string }[] }) => [
        track.trackCode,
        track.awardCategories.map((award) => award.code),
      ]),
    );
    expect(byTrack).toEqual({
      society: ['modeling_award', 'product_award', 'component_award'],
      university: ['modeling_award', 'product_award'],
    });
    expect(response.body.grades.map((grade: { nameZh: string }) => grade.nameZh)).toEqual([
      '一等奖',
      '二等奖',
      '三等奖',
      '优胜奖',
    ]);
  });

  it('marks demo topics as examples and filters them by field', async () => {
    const response = await t.http.get('/api/v1/editions/current/topics?field=healthcare').expect(200);
    expect(response.body.items.length).toBeGreaterThan(0);
    for (const topic of response.body.items) expect(topic).toMatchObject({ fieldCode: 'healthcare', isExample: true });
  });

  it('lists the recommendation meeting of 2024-07-26 with its times in Asia/Shanghai', async () => {
    const response = await t.http.get('/api/v1/editions/current/events').expect(200);
    expect(response.body.items[0]).toMatchObject({
      signInAt: '2024-07-26T08:30:00.000+08:00',
      startsAt: '2024-07-26T09:00:00.000+08:00',
      endsAt: '2024-07-26T10:40:00.000+08:00',
    });
  });
});

describe('the timeline (R-TIME-1)', () => {
  it('computes the open stage from the clock', async () => {
    const during = await t.http.get('/api/v1/editions/current/stages').expect(200);
    expect(during.body).toMatchObject({
      currentStage: 'collection',
      nextStage: 'preliminary',
      timeZone: 'Asia/Shanghai',
    });
    expect(during.body.stages[0]).toMatchObject({
      code: 'collection',
      endsAt: '2024-08-16T00:00:00.000+08:00',
      isOpen: true,
    });

    t.clock.set(DURING_PRELIMINARY);
    const later = await t.http.get('/api/v1/editions/current/stages').expect(200);
    expect(later.body.currentStage).toBe('preliminary');
    t.clock.set('2024-07-15T10:00:00+08:00');
  });
});

describe('organizers edit topics and stage dates', () => {
  it('refuses anonymous and participant writes', async () => {
    const body = { fieldCode: 'healthcare', title: '新赛题' };
    expectProblem(await t.http.post('/api/v1/editions/current/topics').send(body), 401, 'UNAUTHORIZED');
    expectProblem(
      await t.http.post('/api/v1/editions/current/topics').set('authorization', 'Bearer forged.token.value').send(body),
      401,
      'TOKEN_INVALID',
    );
    const participant = await t.userWithToken('participant');
    expectProblem(
      await t.http
        .post('/api/v1/editions/current/topics')
        .set('authorization', `Bearer ${participant.token}`)
        .send(body),
      403,
      'FORBIDDEN',
    );
  });

  it('lets an admin add, change and remove a topic', async () => {
    const admin = await t.userWithToken('admin');
    const auth = { authorization: `Bearer ${admin.token}` };
    const created = await t.http
      .post('/api/v1/editions/current/topics')
      .set(auth)
      .send({ fieldCode: 'green_low_carbon', title: '园区碳足迹核算', description: '说明' })
      .expect(201);
    expect(created.body).toMatchObject({ fieldCode: 'green_low_carbon', title: '园区碳足迹核算', isExample: false });

    const changed = await t.http
      .patch(`/api/v1/topics/${created.body.id}`)
      .set(auth)
      .send({ fieldCode: 'urban_governance' })
      .expect(200);
    expect(changed.body).toMatchObject({ fieldCode: 'urban_governance', title: '园区碳足迹核算' });

    await t.http.delete(`/api/v1/topics/${created.body.id}`).set(auth).expect(204);
    expectProblem(await t.http.delete(`/api/v1/topics/${created.body.id}`).set(auth), 404, 'TOPIC_NOT_FOUND');
  });

  it("names the field and the fault of an invalid request in the reader's language", async () => {
    const zh = await t.http
      .post('/api/v1/auth/signup')
      .set('accept-language', 'zh-CN')
      .send({ email: 'not-an-email', password: 'long enough password', displayName: '测试' });
    expectProblem(zh, 400, 'VALIDATION_FAILED');
    expect(zh.body.errors).toEqual([expect.objectContaining({ path: '/body/email', message: '邮箱格式不正确' })]);
    expect(zh.body.detail).toBe('请求参数校验失败：邮箱格式不正确');
    const en = await t.http
      .post('/api/v1/auth/signup')
      .set('accept-language', 'en')
      .send({ email: 'not-an-email', password: 'long enough password', displayName: 'Test' });
    expect(en.body.errors[0].message).toBe('Email is not in a valid format');
  });

  it('moves the collection deadline and keeps the timeline ordered', async () => {
    const admin = await t.userWithToken('admin');
    const auth = { authorization: `Bearer ${admin.token}` };
    const moved = await t.http
      .patch('/api/v1/editions/current/stages/collection')
      .set(auth)
      .send({ endsAt: '2024-08-10T00:00:00+08:00' })
      .expect(200);
    expect(moved.body.stages[0].endsAt).toBe('2024-08-10T00:00:00.000+08:00');

    const overlapping = await t.http
      .patch('/api/v1/editions/current/stages/collection')
      .set(auth)
      .set('accept-language', 'en')
      .send({ endsAt: '2024-08-20T00:00:00+08:00' });
    const problem = expectProblem(overlapping, 422, 'STAGES_OVERLAP');
    expect(problem.detail).toBe('Stage "Preliminary review" overlaps the previous stage "Project collection"');

    const stages = await t.http.get('/api/v1/editions/current/stages').expect(200);
    expect(stages.body.stages[0].endsAt).toBe('2024-08-10T00:00:00.000+08:00');
  });
});

describe('bad input gets a problem+json answer', () => {
  it('answers an unknown edition with 404 in Chinese by default and English on request', async () => {
    const zh = expectProblem(await t.http.get('/api/v1/editions/2099-nowhere'), 404, 'EDITION_NOT_FOUND');
    expect(zh).toMatchObject({
      title: '未找到',
      detail: '赛事不存在：2099-nowhere',
      type: 'urn:saishi:problem:edition-not-found',
    });
    const en = expectProblem(
      await t.http.get('/api/v1/editions/2099-nowhere').set('accept-language', 'en'),
      404,
      'EDITION_NOT_FOUND',
    );
    expect(en.detail).toBe('No such edition: 2099-nowhere');
  });

  it('answers an unknown route with 404', async () => {
    expectProblem(await t.http.get('/api/v1/no-such-thing'), 404, 'ROUTE_NOT_FOUND');
  });

  it('names the field of a bad query parameter', async () => {
    const problem = expectProblem(
      await t.http.get('/api/v1/editions/current/topics?field=astrology'),
      400,
      'VALIDATION_FAILED',
    );
    expect(problem.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: '/querystring/field' })]));
  });

  it('names the missing and unexpected fields of a bad body', async () => {
    const admin = await t.userWithToken('admin');
    const response = await t.http
      .post('/api/v1/editions/current/topics')
      .set('authorization', `Bearer ${admin.token}`)
      .send({ title: '', extra: 1 });
    const problem = expectProblem(response, 400, 'VALIDATION_FAILED');
    const paths = (problem.errors as { path: string }[]).map((error) => error.path);
    expect(paths).toEqual(expect.arrayContaining(['/body/fieldCode', '/body/title']));
  });

  it('refuses malformed JSON', async () => {
    const admin = await t.userWithToken('admin');
    const response = await t.http
      .post('/api/v1/editions/current/topics')
      .set('authorization', `Bearer ${admin.token}`)
      .set('content-type', 'application/json')
      .send('{"title": ');
    expectProblem(response, 400, 'MALFORMED_BODY');
  });

  it('refuses a non-uuid id in the path', async () => {
    const admin = await t.userWithToken('admin');
    const response = await t.http
      .patch('/api/v1/topics/not-a-uuid')
      .set('authorization', `Bearer ${admin.token}`)
      .send({ title: 'x' });
    const problem = expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(problem.errors).toEqual([expect.objectContaining({ path: '/params/id' })]);
  });
});
