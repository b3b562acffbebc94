import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { creditCodeCheckCharacter } from '@saishi/shared';
import { buildApp } from '../../app.js';
import { teamMembers, teams } from '../teams/tables.js';
import { createTestApp, expectProblem, type TestApp } from '../../test/app.js';
import { startFakeS3, type FakeS3 } from '../../test/fake-s3.js';
import { pdfBytes, pngBytes } from '../../test/sample-files.js';
import { universityTeamThroughApi } from '../../test/teams.js';
import { storedFiles } from './tables.js';

type User = { id: string; token: string };
const bearer = (user: User) => `Bearer ${user.token}`;
const TWO_HOURS_AGO = new Date(Date.now() - 2 * 3_600_000);

let codeSeq = 1000;
function validCode(): string {
  const first17 = `91450100${String(codeSeq++).padStart(9, '0')}`;
  return first17 + creditCodeCheckCharacter(first17)!;
}

describe.each(['local', 's3'] as const)('documents leave no bytes behind with the %s storage', (driver) => {
  let t: TestApp;
  let fakeS3: FakeS3 | undefined;

  beforeAll(async () => {
    // No real S3-compatible endpoint is reachable from the test machine: an in-process fake stands in.
    fakeS3 = driver === 's3' ? await startFakeS3() : undefined;
    t = await createTestApp({
      config: fakeS3
        ? {
            STORAGE_DRIVER: 's3',
            S3_BUCKET: fakeS3.bucket,
            S3_ENDPOINT: fakeS3.endpoint,
            S3_FORCE_PATH_STYLE: true,
            S3_ACCESS_KEY_ID: 'test',
            S3_SECRET_ACCESS_KEY: 'test',
          }
        : {},
    });
  });
  afterAll(async () => {
    await t?.close();
    await fakeS3?.close();
  });

  const stored = async (key: string) => (await t.app.storage.stat(key)) !== null;
  const fileRow = async (id: string) => (await t.db.select().from(storedFiles).where(eq(storedFiles.id, id)))[0];
  const upload = (user: User, path: string, bytes: Buffer, filename: string) =>
    t.http.put(`/api/v1/teams/${path}`).set('authorization', bearer(user)).attach('file', bytes, filename);

  const universityTeam = () =>
    universityTeamThroughApi(t, { name: '存储测试', creditCode: validCode(), studentNumber: `S${codeSeq++}` });

  const commitmentFile = async (teamId: string) =>
    (await t.db.select({ id: teams.commitmentFileId }).from(teams).where(eq(teams.id, teamId)))[0]!.id!;
  const studentIdFile = async (userId: string) =>
    (await t.db.select({ id: teamMembers.studentIdFileId }).from(teamMembers).where(eq(teamMembers.userId, userId)))[0]!
      .id!;

  it('deletes a replaced commitment letter from the database and the storage', async () => {
    const { leader, team } = await universityTeam();
    expect((await upload(leader, `${team.id}/commitment-letter`, pdfBytes(), 'v1.pdf')).status).toBe(200);
    const first = (await fileRow(await commitmentFile(team.id)))!;
    expect(await stored(first.storageKey)).toBe(true);

    expect((await upload(leader, `${team.id}/commitment-letter`, pngBytes(), 'v2.png')).status).toBe(200);
    const second = (await fileRow(await commitmentFile(team.id)))!;
    expect(second.id).not.toBe(first.id);
    expect(await fileRow(first.id)).toBeUndefined();
    expect(await stored(first.storageKey)).toBe(false);
    expect(await stored(second.storageKey)).toBe(true);

    // A refused replacement keeps the letter in place.
    expectProblem(
      await upload(leader, `${team.id}/commitment-letter`, Buffer.from('<html></html>'), 'x.pdf'),
      415,
      'FILE_TYPE_NOT_ALLOWED',
    );
    expect(await commitmentFile(team.id)).toBe(second.id);
    expect(await stored(second.storageKey)).toBe(true);
  });

  it('deletes a replaced student ID card, and the card of a member who leaves', async () => {
    const { team } = await universityTeam();
    const student = await t.userWithToken('participant');
    const joined = await t.http
      .post('/api/v1/teams/join')
      .set('authorization', bearer(student))
      .send({ inviteCode: team.inviteCode, studentNumber: `S${codeSeq++}` });
    expect(joined.status, JSON.stringify(joined.body)).toBe(200);
    const cardPath = `${team.id}/members/${student.id}/student-id`;
    expect((await upload(student, cardPath, pngBytes(), 'card.png')).status).toBe(200);
    const first = (await fileRow(await studentIdFile(student.id)))!;
    expect((await upload(student, cardPath, pdfBytes(), 'card.pdf')).status).toBe(200);
    const second = (await fileRow(await studentIdFile(student.id)))!;
    expect(await fileRow(first.id)).toBeUndefined();
    expect(await stored(first.storageKey)).toBe(false);
    expect(await stored(second.storageKey)).toBe(true);

    const left = await t.http
      .delete(`/api/v1/teams/${team.id}/members/${student.id}`)
      .set('authorization', bearer(student));
    expect(left.status).toBe(204);
    expect(await fileRow(second.id)).toBeUndefined();
    expect(await stored(second.storageKey)).toBe(false);
  });

  /** An upload cut short by a crash two hours ago, and one still being written. */
  async function leavePartialUploads(): Promise<{ orphan: () => boolean; inFlight: () => boolean }> {
    if (fakeS3) {
      const start = async () => {
        const response = await fetch(`${fakeS3!.endpoint}/${fakeS3!.bucket}/aa/${randomUUID()}?uploads`, {
          method: 'POST',
        });
        return /<UploadId>(.+)<\/UploadId>/.exec(await response.text())![1]!;
      };
      const orphan = await start();
      const inFlight = await start();
      fakeS3.uploadStarts.get(orphan)!.initiated = TWO_HOURS_AGO;
      return { orphan: () => fakeS3!.pendingUploads.has(orphan), inFlight: () => fakeS3!.pendingUploads.has(inFlight) };
    }
    const folder = join(t.config.STORAGE_DIR, '.tmp');
    mkdirSync(folder, { recursive: true });
    const orphan = join(folder, `${randomUUID()}.part`);
    const inFlight = join(folder, `${randomUUID()}.part`);
    writeFileSync(orphan, 'cut short');
    utimesSync(orphan, TWO_HOURS_AGO, TWO_HOURS_AGO);
    writeFileSync(inFlight, 'still coming');
    return { orphan: () => existsSync(orphan), inFlight: () => existsSync(inFlight) };
  }

  /** A file discarded in a committed transaction whose bytes a crash kept from being deleted. */
  async function leaveDiscardedFile(): Promise<{ rowKept: () => Promise<boolean>; bytesKept: () => Promise<boolean> }> {
    const id = randomUUID();
    const storageKey = `${id.slice(0, 2)}/${id}`;
    await t.app.storage.write(storageKey, Readable.from([pdfBytes()]));
    await t.db.insert(storedFiles).values({
      id,
      storageKey,
      originalName: 'old.pdf',
      mimeType: 'application/pdf',
      sizeBytes: 2048,
      sha256: 'x',
      createdAt: t.clock.now(),
      discardedAt: t.clock.now(),
    });
    return { rowKept: async () => (await fileRow(id)) !== undefined, bytesKept: () => stored(storageKey) };
  }

  const anotherApp = () =>
    buildApp({ config: t.config, database: t.database, clock: t.clock, storage: t.app.storage, logger: false });

  it('removes orphaned partial uploads and discarded files at start, keeping uploads in flight', async () => {
    const partials = await leavePartialUploads();
    const discarded = await leaveDiscardedFile();
    const app: FastifyInstance = await anotherApp();
    try {
      await app.ready();
      expect(partials.orphan()).toBe(false);
      expect(partials.inFlight()).toBe(true);
      expect(await discarded.rowKept()).toBe(false);
      expect(await discarded.bytesKept()).toBe(false);
    } finally {
      await app.close();
    }
  });

  it('removes them again by the periodic sweep', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const app: FastifyInstance = await anotherApp();
    try {
      await app.ready();
      const partials = await leavePartialUploads();
      const discarded = await leaveDiscardedFile();
      expect(partials.orphan()).toBe(true);
      vi.advanceTimersByTime(t.config.STORAGE_SWEEP_MINUTES * 60_000);
      await vi.waitFor(async () => {
        expect(partials.orphan()).toBe(false);
        expect(await discarded.bytesKept()).toBe(false);
        expect(await discarded.rowKept()).toBe(false);
      });
      expect(partials.inFlight()).toBe(true);
    } finally {
      vi.useRealTimers();
      await app.close();
    }
  });
});
