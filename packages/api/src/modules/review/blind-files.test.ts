import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { PDFDict, PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DURING_PRELIMINARY, createTestApp, type TestApp, bytesOfBody } from '../../test/app.js';
import { readAll } from '../files/blind-pdf.js';
import { readZip } from '../../test/zip.js';
import { storedFiles } from '../files/tables.js';
import { projectFiles } from '../projects/tables.js';
import { createProject, createUnit, currentEditionId, fakeCreditCode } from './fixtures.js';

// Blind files (issue 16.5): the PDF an expert downloads carries no metadata naming the unit.

let t: TestApp;
let admin: { id: string; token: string };
let expert: { id: string; token: string };
let assignmentId: string;
let fileId: string;
let storageKey: string;
let slidesId: string;
let roundId: string;
let projectId: string;
const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
const SLIDE = '<p:sld><a:t>Leak detection in water networks</a:t></p:sld>';

/** A pptx whose core and app properties name the author and the unit, as office suites write them. */
function identifyingPptx(): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8('<Types/>'),
    'docProps/core.xml': strToU8(
      `<cp:coreProperties><dc:title>Water</dc:title><dc:creator>Wang Wei, ${UNIT}</dc:creator><cp:lastModifiedBy>Li Na (${UNIT})</cp:lastModifiedBy></cp:coreProperties>`,
    ),
    'docProps/app.xml': strToU8(
      `<Properties><Company>${UNIT}</Company><Manager>Zhang, ${UNIT}</Manager><Slides>1</Slides></Properties>`,
    ),
    'ppt/slides/slide1.xml': strToU8(SLIDE),
  });
}

/** Stores `bytes` as a file of the project (inserted directly: uploads are not what this is about). */
async function storeFile(projectId: string, kind: 'proposal' | 'slides' | 'video', mimeType: string, bytes: Buffer) {
  const key = `test/blind-${kind}-${projectId}`;
  await t.app.storage.write(key, Readable.from([bytes]));
  const [stored] = await t.db
    .insert(storedFiles)
    .values({
      storageKey: key,
      originalName: `${UNIT}.${{ slides: 'pptx', proposal: 'pdf', video: 'mp4' }[kind]}`,
      mimeType,
      sizeBytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      createdAt: t.clock.now(),
    })
    .returning();
  const [file] = await t.db
    .insert(projectFiles)
    .values({ projectId, kind, storedFileId: stored!.id, addedAt: t.clock.now() })
    .returning();
  return { key, id: file!.id };
}
const UNIT = 'Nanning Shuzhi Data Co Ltd';

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

/** A PDF whose document information and XMP stream name the unit, as office suites write them. */
async function identifyingPdf(): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  document.addPage().drawText('Proposal: leak detection in water networks');
  document.setAuthor(`Wang Wei, ${UNIT}`);
  document.setCreator(`${UNIT} Office`);
  document.setProducer(`${UNIT} PDF`);
  document.setTitle(`${UNIT} proposal`);
  document.setSubject(UNIT);
  document.setKeywords([UNIT]);
  const xmp = `<?xpacket begin=""?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description pdf:Producer="${UNIT}"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
  const stream = document.context.stream(xmp, { Type: 'Metadata', Subtype: 'XML' });
  document.catalog.set(PDFName.of('Metadata'), document.context.register(stream));
  const info = document.context.lookup(document.context.trailerInfo.Info, PDFDict);
  info.set(PDFName.of('Company'), PDFString.of(UNIT));
  return document.save({ useObjectStreams: false });
}

beforeAll(async () => {
  t = await createTestApp({ now: DURING_PRELIMINARY });
  admin = await t.userWithToken('admin');
  const editionId = await currentEditionId(t.db);
  const rounds = await t.http.get('/api/v1/editions/current/review-rounds').set(auth(admin.token)).expect(200);
  roundId = rounds.body.items.find((round: { kind: string }) => round.kind === 'preliminary').id;
  const unit = await createUnit(t.db, editionId, { name: UNIT, creditCode: fakeCreditCode(813_001) });
  const project = await createProject(t.db, { editionId, trackCode: 'society', unitIds: [unit.id] });
  await t.db.execute(
    sql`insert into round_projects (round_id, project_id, added_at) values (${roundId}, ${project.projectId}, ${t.clock.now()})`,
  );
  const invited = await t.http
    .post('/api/v1/experts')
    .set(auth(admin.token))
    .send({ email: 'blindpdf@example.test', displayName: '盲评专家', affiliationName: '另一研究院' })
    .expect(201);
  expert = { id: invited.body.id, token: t.app.jwt.sign({ sub: invited.body.id, role: 'expert' }) };
  assignmentId = (
    await t.http
      .post('/api/v1/assignments')
      .set(auth(admin.token))
      .send({ roundId, projectId: project.projectId, expertId: expert.id, reason: '盲评文件测试' })
      .expect(201)
  ).body.id;
  const pdf = await storeFile(project.projectId, 'proposal', 'application/pdf', Buffer.from(await identifyingPdf()));
  storageKey = pdf.key;
  fileId = pdf.id;
  slidesId = (await storeFile(project.projectId, 'slides', PPTX, Buffer.from(identifyingPptx()))).id;
  projectId = project.projectId;
});
afterAll(() => t.close());

const download = (range?: string, id = fileId) => {
  const request = t.http
    .get(`/api/v1/assignments/${assignmentId}/files/${id}/content`)
    .set(auth(expert.token))
    .buffer(true)
    .parse(bytesOfBody);
  return range ? request.set('range', range) : request;
};

describe('blind PDFs for experts (issue 16.5)', () => {
  it('strips the document information and the XMP stream that name the unit', async () => {
    const response = await download().expect(200);
    const body = response.body as Buffer;
    expect(body.toString('latin1')).not.toContain('Shuzhi');
    expect(body.toString('latin1')).not.toContain('xmpmeta');
    const blind = await PDFDocument.load(body, { updateMetadata: false });
    expect(blind.getAuthor()).toBeUndefined();
    expect(blind.getCreator()).toBeUndefined();
    expect(blind.getProducer()).toBeUndefined();
    expect(blind.getTitle()).toBeUndefined();
    expect(blind.catalog.get(PDFName.of('Metadata'))).toBeUndefined();
    expect(blind.getPageCount()).toBe(1);
    expect(Number(response.headers['content-length'])).toBe(body.length);
    expect(response.headers['content-disposition']).not.toContain('Shuzhi');
  });

  it('keeps the original, metadata included, in storage for organizers', async () => {
    const original = await readAll(await t.app.storage.read(storageKey));
    expect(original.toString('latin1')).toContain('xmpmeta');
    expect((await PDFDocument.load(original, { updateMetadata: false })).getAuthor()).toContain('Shuzhi');
  });

  it('answers a byte range of the blind copy', async () => {
    const whole = (await download().expect(200)).body as Buffer;
    const part = await download('bytes=0-7').expect(206);
    expect(part.headers['content-range']).toBe(`bytes 0-7/${whole.length}`);
    expect((part.body as Buffer).equals(whole.subarray(0, 8))).toBe(true);
  });
});

describe('blind office documents for experts (issue 16.5)', () => {
  it('empties the author, last editor, company and manager properties, and keeps the content', async () => {
    const response = await download(undefined, slidesId).expect(200);
    const parts = unzipSync(response.body as Buffer);
    const core = strFromU8(parts['docProps/core.xml']!);
    const app = strFromU8(parts['docProps/app.xml']!);
    expect(core + app).not.toContain('Shuzhi');
    expect(core).toContain('<dc:creator></dc:creator>');
    expect(core).toContain('<cp:lastModifiedBy></cp:lastModifiedBy>');
    expect(core).toContain('<dc:title>Water</dc:title>');
    expect(app).toBe('<Properties><Company></Company><Manager></Manager><Slides>1</Slides></Properties>');
    expect(strFromU8(parts['ppt/slides/slide1.xml']!)).toBe(SLIDE);
    expect(Number(response.headers['content-length'])).toBe((response.body as Buffer).length);
  });
});

describe('bulk download of blind files as one streamed ZIP (issue 16.6)', () => {
  const VIDEO = Buffer.alloc(256 * 1024, 7); // passes through as stored, streamed

  beforeAll(async () => {
    await storeFile(projectId, 'video', 'video/mp4', VIDEO);
  });

  const zipOf = (path: string, token: string) => t.http.get(path).set(auth(token)).buffer(true).parse(bytesOfBody);

  it('gives the expert the blind copies of their assignments, named after the assignment and the kind', async () => {
    const response = await zipOf(`/api/v1/me/assignments/blind-files?roundId=${roundId}`, expert.token).expect(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['content-length']).toBeUndefined(); // streamed, not buffered first
    expect(response.headers['content-disposition']).toContain('assigned-files.zip');
    const entries = await readZip(response.body as Buffer);
    expect([...entries.keys()].sort()).toEqual([
      `${assignmentId}/proposal.pdf`,
      `${assignmentId}/slides.pptx`,
      `${assignmentId}/video.mp4`,
    ]);
    const pdf = entries.get(`${assignmentId}/proposal.pdf`)!;
    expect(pdf.toString('latin1')).not.toContain('Shuzhi');
    expect((await PDFDocument.load(pdf, { updateMetadata: false })).getAuthor()).toBeUndefined();
    const slides = unzipSync(entries.get(`${assignmentId}/slides.pptx`)!);
    expect(strFromU8(slides['docProps/app.xml']!)).not.toContain('Shuzhi');
    expect(entries.get(`${assignmentId}/video.mp4`)!.equals(VIDEO)).toBe(true);
    for (const name of entries.keys()) expect(name).not.toContain('Shuzhi');
  });

  it('gives another expert an empty archive, and refuses a round that does not exist', async () => {
    const other = await t.userWithToken('expert');
    const response = await zipOf(`/api/v1/me/assignments/blind-files?roundId=${roundId}`, other.token).expect(200);
    expect((await readZip(response.body as Buffer)).size).toBe(0);
    const missing = await t.http
      .get('/api/v1/me/assignments/blind-files?roundId=00000000-0000-4000-8000-000000000000')
      .set(auth(expert.token));
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    const invalid = await t.http.get('/api/v1/me/assignments/blind-files?roundId=x').set(auth(expert.token));
    expect(invalid.status).toBe(400);
  });

  it('gives organizers every project of the round in its own folder, and only organizers', async () => {
    const response = await zipOf(`/api/v1/review-rounds/${roundId}/blind-files`, admin.token).expect(200);
    const entries = await readZip(response.body as Buffer);
    const mine = [...entries.keys()].filter((name) => name.includes(projectId.slice(0, 8)));
    expect(mine.map((name) => name.split('/')[1]).sort()).toEqual(['proposal.pdf', 'slides.pptx', 'video.mp4']);
    expect(entries.get(mine.find((name) => name.endsWith('.pdf'))!)!.toString('latin1')).not.toContain('xmpmeta');
    expect((await t.http.get(`/api/v1/review-rounds/${roundId}/blind-files`).set(auth(expert.token))).status).toBe(403);
  });
});
