import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { createTestApp, expectProblem, type TestApp, bytesOfBody } from '../../test/app.js';
import { mp4Bytes, pdfBytes } from '../../test/sample-files.js';
import { storedFiles } from '../files/tables.js';

let t: TestApp;
let admin: { id: string; token: string };
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.userWithToken('admin');
});
afterAll(() => t?.close());

describe('announcements', () => {
  it('shows only published ones publicly, pinned first, in both languages', async () => {
    const post = (body: Record<string, unknown>) =>
      t.http.post('/api/v1/editions/current/announcements').set(auth(admin.token)).send(body).expect(201);
    const older = await post({ titleZh: '关于作品征集的通知', bodyZh: '征集于8月15日截止。', published: true });
    t.clock.advance(60_000);
    const pinned = await post({
      titleZh: '大赛启动公告',
      titleEn: 'The competition opens',
      bodyZh: '欢迎报名。',
      bodyEn: 'Sign up now.',
      pinned: true,
      published: true,
    });
    t.clock.advance(60_000);
    const newer = await post({ titleZh: '答疑会安排', bodyZh: '7月20日线上答疑。', published: true });
    const draft = await post({ titleZh: '草稿公告', bodyZh: '尚未发布。' });
    expect(draft.body.publishedAt).toBeNull();
    expect(pinned.body).toMatchObject({ titleEn: 'The competition opens', bodyEn: 'Sign up now.', pinned: true });

    const list = await t.http.get('/api/v1/editions/current/announcements').expect(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([
      pinned.body.id,
      newer.body.id,
      older.body.id,
    ]);
    await t.http.get(`/api/v1/announcements/${older.body.id}`).expect(200);
    expectProblem(await t.http.get(`/api/v1/announcements/${draft.body.id}`), 404, 'ANNOUNCEMENT_NOT_FOUND');
    const drafts = await t.http
      .get('/api/v1/editions/current/announcements?drafts=true')
      .set(auth(admin.token))
      .expect(200);
    expect(drafts.body.items.map((item: { id: string }) => item.id)).toContain(draft.body.id);
    expectProblem(await t.http.get('/api/v1/editions/current/announcements?drafts=true'), 403, 'FORBIDDEN');
  });

  it('lets organizers publish, take back and delete; nobody else may write', async () => {
    const created = await t.http
      .post('/api/v1/editions/current/announcements')
      .set(auth(admin.token))
      .send({ titleZh: '评审结果公示', bodyZh: '公示期5天。' })
      .expect(201);
    const id = created.body.id as string;
    const published = await t.http
      .patch(`/api/v1/announcements/${id}`)
      .set(auth(admin.token))
      .send({ published: true, titleEn: 'Results on display' })
      .expect(200);
    expect(new Date(published.body.publishedAt).getTime()).toBe(t.clock.now().getTime());
    expect(published.body.titleEn).toBe('Results on display');
    await t.http.get(`/api/v1/announcements/${id}`).expect(200);
    await t.http.patch(`/api/v1/announcements/${id}`).set(auth(admin.token)).send({ published: false }).expect(200);
    expectProblem(await t.http.get(`/api/v1/announcements/${id}`), 404, 'ANNOUNCEMENT_NOT_FOUND');

    const participant = await t.userWithToken('participant');
    expectProblem(
      await t.http
        .post('/api/v1/editions/current/announcements')
        .set(auth(participant.token))
        .send({ titleZh: '假公告', bodyZh: '不应出现。' }),
      403,
      'FORBIDDEN',
    );
    expectProblem(await t.http.delete(`/api/v1/announcements/${id}`), 401, 'UNAUTHORIZED');
    const missing = await t.http
      .patch('/api/v1/announcements/00000000-0000-4000-8000-000000000000')
      .set(auth(admin.token))
      .set('accept-language', 'en')
      .send({ pinned: true });
    expectProblem(missing, 404, 'ANNOUNCEMENT_NOT_FOUND');
    expect(missing.body.detail).toBe('No such announcement: 00000000-0000-4000-8000-000000000000');
    await t.http.delete(`/api/v1/announcements/${id}`).set(auth(admin.token)).expect(204);
    expectProblem(
      await t.http.get(`/api/v1/announcements/${id}`).set(auth(admin.token)),
      404,
      'ANNOUNCEMENT_NOT_FOUND',
    );
  });

  describe('attachments', () => {
    const create = (published: boolean) =>
      t.http
        .post('/api/v1/editions/current/announcements')
        .set(auth(admin.token))
        .send({ titleZh: published ? '附件公告' : '附件草稿', bodyZh: '见附件。', published })
        .expect(201);
    const attach = (id: string, bytes: Buffer, name: string, token = admin.token) =>
      t.http.post(`/api/v1/announcements/${id}/attachments`).set(auth(token)).attach('file', bytes, name);
    const download = (id: string, fileId: string) => t.http.get(`/api/v1/announcements/${id}/attachments/${fileId}`);

    it('attaches a file that anyone downloads once the announcement is published', async () => {
      const announcement = await create(true);
      const bytes = pdfBytes(4096);
      const attached = await attach(announcement.body.id, bytes, '评审细则.pdf');
      expect(attached.status, JSON.stringify(attached.body)).toBe(201);
      const [item] = attached.body.attachments;
      expect(item).toMatchObject({
        name: '评审细则.pdf',
        mimeType: 'application/pdf',
        sizeBytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      });
      const list = await t.http.get('/api/v1/editions/current/announcements').expect(200);
      const listed = list.body.items.find((entry: { id: string }) => entry.id === announcement.body.id);
      expect(listed.attachments).toEqual([item]);
      const file = await download(announcement.body.id, item.fileId).buffer(true).parse(bytesOfBody);
      expect(file.status).toBe(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(Buffer.compare(file.body as Buffer, bytes)).toBe(0);
    });

    it('keeps a draft’s attachments to organizers, and serves them once published', async () => {
      const draft = await create(false);
      const attached = await attach(draft.body.id, pdfBytes(), 'draft.pdf').expect(201);
      const fileId = attached.body.attachments[0].fileId as string;
      expectProblem(await download(draft.body.id, fileId), 404, 'ANNOUNCEMENT_NOT_FOUND');
      const participant = await t.userWithToken('participant');
      expectProblem(await download(draft.body.id, fileId).set(auth(participant.token)), 404, 'ANNOUNCEMENT_NOT_FOUND');
      expect((await download(draft.body.id, fileId).set(auth(admin.token))).status).toBe(200);
      await t.http
        .patch(`/api/v1/announcements/${draft.body.id}`)
        .set(auth(admin.token))
        .send({ published: true })
        .expect(200);
      expect((await download(draft.body.id, fileId)).status).toBe(200);
      await t.http
        .patch(`/api/v1/announcements/${draft.body.id}`)
        .set(auth(admin.token))
        .send({ published: false })
        .expect(200);
      expectProblem(await download(draft.body.id, fileId), 404, 'ANNOUNCEMENT_NOT_FOUND');
    });

    it('serves only the announcement’s own files, and refuses other kinds and other people', async () => {
      const first = await create(true);
      const second = await create(true);
      const attached = await attach(first.body.id, pdfBytes(), 'a.pdf').expect(201);
      const fileId = attached.body.attachments[0].fileId as string;
      expectProblem(await download(second.body.id, fileId), 404, 'ANNOUNCEMENT_ATTACHMENT_NOT_FOUND');
      expectProblem(await attach(first.body.id, mp4Bytes(), 'clip.mp4'), 415, 'FILE_TYPE_NOT_ALLOWED');
      const participant = await t.userWithToken('participant');
      expectProblem(await attach(first.body.id, pdfBytes(), 'x.pdf', participant.token), 403, 'FORBIDDEN');
      expectProblem(
        await attach('00000000-0000-4000-8000-000000000000', pdfBytes(), 'x.pdf'),
        404,
        'ANNOUNCEMENT_NOT_FOUND',
      );
    });

    it('deletes the stored file with the attachment or the announcement', async () => {
      const announcement = await create(true);
      const one = await attach(announcement.body.id, pdfBytes(), 'one.pdf').expect(201);
      t.clock.advance(1000);
      const two = await attach(announcement.body.id, pdfBytes(3000), 'two.pdf').expect(201);
      const [first, second] = (two.body.attachments as { fileId: string }[]).map((item) => item.fileId);
      expect(first).toBe(one.body.attachments[0].fileId);
      await t.http
        .delete(`/api/v1/announcements/${announcement.body.id}/attachments/${first}`)
        .set(auth(admin.token))
        .expect(204);
      expectProblem(await download(announcement.body.id, first!), 404, 'ANNOUNCEMENT_ATTACHMENT_NOT_FOUND');
      expectProblem(
        await t.http
          .delete(`/api/v1/announcements/${announcement.body.id}/attachments/${first}`)
          .set(auth(admin.token)),
        404,
        'ANNOUNCEMENT_ATTACHMENT_NOT_FOUND',
      );
      expect(await t.db.select().from(storedFiles).where(eq(storedFiles.id, first!))).toEqual([]);
      await t.http.delete(`/api/v1/announcements/${announcement.body.id}`).set(auth(admin.token)).expect(204);
      expect(await t.db.select().from(storedFiles).where(eq(storedFiles.id, second!))).toEqual([]);
    });
  });
});
