import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../../test/app.js';
import { pdfBytes } from '../../test/sample-files.js';
import { createTeamFixture } from '../projects/fixtures.js';
import { bearer, openProjectsTestApp, projectHelpers, type ProjectsTestContext } from '../projects/test-kit.js';

// Uploads whose multipart body is broken: cut short, without a boundary, garbage, or not multipart
// at all. Each is a client's error (400, 413 or 415 problem+json), and the process keeps answering.

let context: ProjectsTestContext;
const helpers = projectHelpers(() => context);
const uploadRoutes: { name: string; method: 'post' | 'put'; template: string; url: string; token: string }[] = [];

beforeAll(async () => {
  context = await openProjectsTestApp();
  const { t, admin } = context;
  const { team, project } = await helpers.readyProject();
  const university = await createTeamFixture(t, { track: 'university', status: 'draft' });
  const announcement = await t.http
    .post('/api/v1/editions/current/announcements')
    .set(bearer(admin.token))
    .send({ titleZh: '关于初赛评审安排的通知', bodyZh: '初赛评审安排如下。' })
    .expect(201);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  uploadRoutes.push(
    {
      name: 'announcement attachment',
      method: 'post',
      template: '/api/v1/announcements/{id}/attachments',
      url: `/api/v1/announcements/${announcement.body.id}/attachments`,
      token: admin.token,
    },
    {
      name: 'blacklist preview',
      method: 'post',
      template: '/api/v1/blacklists/preview',
      url: '/api/v1/blacklists/preview',
      token: admin.token,
    },
    {
      name: 'blacklist import',
      method: 'post',
      template: '/api/v1/blacklists/import',
      url: '/api/v1/blacklists/import',
      token: admin.token,
    },
    {
      name: 'commitment letter',
      method: 'put',
      template: '/api/v1/teams/{id}/commitment-letter',
      url: `/api/v1/teams/${university.team.id}/commitment-letter`,
      token: university.leader.token,
    },
    {
      name: 'student ID',
      method: 'put',
      template: '/api/v1/teams/{id}/members/{userId}/student-id',
      url: `/api/v1/teams/${university.team.id}/members/${university.leader.id}/student-id`,
      token: university.leader.token,
    },
    {
      name: 'project file',
      method: 'post',
      template: '/api/v1/projects/{id}/files',
      url: `/api/v1/projects/${project.id}/files?kind=proof`,
      token: team.leader.token,
    },
  );
});
afterAll(() => context.t.close());

const BOUNDARY = 'saishi-fault-boundary';
const head = (filename = 'x.pdf') =>
  Buffer.from(
    `--${BOUNDARY}\r\ncontent-disposition: form-data; name="file"; filename="${filename}"\r\ncontent-type: application/pdf\r\n\r\n`,
  );

const garbage = (size: number) => Buffer.from(Array.from({ length: size }, (_, index) => (index * 7919) % 251));
/** A zip local file header: the blacklist import reads such a body as XLSX. */
const zipHead = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]);

const brokenBodies: { name: string; contentType: string; body: Buffer; statuses: number[] }[] = [
  {
    name: 'a body cut before its closing boundary',
    contentType: `multipart/form-data; boundary=${BOUNDARY}`,
    body: Buffer.concat([head(), pdfBytes(300_000)]),
    statuses: [400],
  },
  {
    name: 'a body cut inside the part headers',
    contentType: `multipart/form-data; boundary=${BOUNDARY}`,
    body: Buffer.from(`--${BOUNDARY}\r\ncontent-disposition: form-da`),
    statuses: [400],
  },
  {
    name: 'a content type without a boundary',
    contentType: 'multipart/form-data',
    body: Buffer.concat([head(), pdfBytes(), Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]),
    statuses: [400],
  },
  {
    name: 'garbage bytes',
    contentType: `multipart/form-data; boundary=${BOUNDARY}`,
    body: garbage(70_000),
    statuses: [400],
  },
  {
    name: 'a zip (XLSX) cut short',
    contentType: `multipart/form-data; boundary=${BOUNDARY}`,
    body: Buffer.concat([head('list.xlsx'), zipHead, garbage(100_000)]),
    statuses: [400, 415],
  },
  {
    name: 'a complete body holding a broken zip',
    contentType: `multipart/form-data; boundary=${BOUNDARY}`,
    body: Buffer.concat([head('list.xlsx'), zipHead, garbage(100_000), Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]),
    statuses: [400, 415],
  },
  {
    name: 'an empty body',
    contentType: `multipart/form-data; boundary=${BOUNDARY}`,
    body: Buffer.alloc(0),
    statuses: [400],
  },
  {
    name: 'a JSON body',
    contentType: 'application/json',
    body: Buffer.from('{"file":"x"}'),
    statuses: [415],
  },
  {
    name: 'a text body',
    contentType: 'text/plain',
    body: Buffer.from('hello'),
    statuses: [415],
  },
];

/** The server still answers: the process did not crash on what came before. */
async function expectAlive() {
  await context.t.http.get('/healthz').expect(200);
}

/** Sends part of a body and then resets the connection, as a network cut does. */
function cutUpload(method: string, url: string, token: string): Promise<void> {
  const { port } = context.t.app.server.address() as AddressInfo;
  return new Promise((resolve) => {
    const request = httpRequest({
      host: '127.0.0.1',
      port,
      method: method.toUpperCase(),
      path: url,
      headers: {
        ...bearer(token),
        'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
        'content-length': String(10 * 1024 ** 2),
      },
    });
    request.on('error', () => resolve());
    request.on('close', () => resolve());
    request.write(Buffer.concat([head(), pdfBytes(200_000)]));
    setTimeout(() => request.destroy(), 100);
  });
}

describe('broken multipart bodies on every upload route', () => {
  it('covers every operation of the OpenAPI document that takes multipart/form-data', async () => {
    const document = (await context.t.http.get('/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>>;
    };
    const multipart = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => operation.requestBody?.content['multipart/form-data'])
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(multipart.sort()).toEqual(
      uploadRoutes.map((route) => `${route.method.toUpperCase()} ${route.template}`).sort(),
    );
  });

  it.each(brokenBodies)('refuses $name as a client error', async ({ contentType, body, statuses }) => {
    for (const route of uploadRoutes) {
      const response = await context.t.http[route.method](route.url)
        .set(bearer(route.token))
        .set('content-type', contentType)
        .send(body);
      expect(statuses, `${route.name}: ${response.status} ${JSON.stringify(response.body)}`).toContain(response.status);
      expectProblem(response, response.status, String(response.body.code));
      expect(response.body.title, route.name).not.toMatch(/服务器|Server/);
      await expectAlive();
    }
  });

  it('survives uploads whose connection is cut mid-body', async () => {
    for (const route of uploadRoutes) {
      await cutUpload(route.method, route.url, route.token);
      await expectAlive();
    }
  });

  it('keeps accepting a proper upload afterwards', async () => {
    const project = uploadRoutes.find((route) => route.name === 'project file')!;
    const response = await context.t.http
      .post(project.url)
      .set(bearer(project.token))
      .attach('file', pdfBytes(), { filename: 'proof.pdf', contentType: 'application/pdf' });
    expect(response.status).toBe(201);
  });
});
