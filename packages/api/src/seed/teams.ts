import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { and, eq, inArray, isNotNull, isNull, ne } from 'drizzle-orm';
import { creditCodeCheckCharacter, type QualificationStatus, type UnitType } from '@saishi/shared';
import type { Database } from '../db/client.js';
import { editions, tracks } from '../modules/editions/tables.js';
import { storedFiles } from '../modules/files/tables.js';
import { recordTransition } from '../modules/teams/qualification.js';
import { teamMembers, teams, teamUnits, units } from '../modules/teams/tables.js';
import type { FileStorage } from '../plugins/storage.js';
import { seedAccounts } from './accounts.js';

/** A demo credit code: the 17 given characters and their GB 32100-2015 check character. */
const code = (first17: string) => first17 + creditCodeCheckCharacter(first17)!;

const DEMO_UNITS: { key: string; name: string; type: UnitType; creditCode: string; region: string }[] = [
  {
    key: 'shuzhi',
    name: '广西数智科技有限公司（演示）',
    type: 'enterprise',
    creditCode: code('91450100MA5N00017'),
    region: '南宁市',
  },
  {
    key: 'zhizao',
    name: '柳州智造数据有限公司（演示）',
    type: 'enterprise',
    creditCode: code('91450200MA5N00025'),
    region: '柳州市',
  },
  {
    key: 'institute',
    name: '广西信息技术研究所（演示）',
    type: 'research_institute',
    creditCode: code('12450000MB0000031'),
    region: '南宁市',
  },
  {
    key: 'center',
    name: '南宁市数据服务中心（演示）',
    type: 'public_institution',
    creditCode: code('12450100MB0000042'),
    region: '南宁市',
  },
  {
    key: 'gxu',
    name: '广西示范大学（演示）',
    type: 'university',
    creditCode: code('12450000MB0000053'),
    region: '南宁市',
  },
  {
    key: 'guet',
    name: '桂林示范科技大学（演示）',
    type: 'university',
    creditCode: code('12450300MB0000064'),
    region: '桂林市',
  },
];

interface DemoTeam {
  name: string;
  track: 'society' | 'university';
  entrantKind: 'individual' | 'units';
  units: { key: string; isLead: boolean }[];
  leader: string;
  members: { email: string; role: 'member' | 'advisor'; studentNumber?: string }[];
  leaderStudentNumber?: string;
  status: QualificationStatus;
}

const DEMO_TEAMS: DemoTeam[] = [
  {
    name: '智慧物流数据联合体',
    track: 'society',
    entrantKind: 'units',
    units: [
      { key: 'shuzhi', isLead: true },
      { key: 'institute', isLead: false },
    ],
    leader: 'leader1@saishi.demo',
    members: [{ email: 'member1@saishi.demo', role: 'member' }],
    status: 'submitted',
  },
  {
    name: '桂农数链',
    track: 'society',
    entrantKind: 'individual',
    units: [],
    leader: 'leader2@saishi.demo',
    members: [],
    status: 'approved',
  },
  {
    name: '柳州工业数据要素团队',
    track: 'society',
    entrantKind: 'units',
    units: [{ key: 'zhizao', isLead: true }],
    leader: 'leader3@saishi.demo',
    members: [],
    status: 'approved',
  },
  {
    name: '城市治理数据草稿队',
    track: 'society',
    entrantKind: 'units',
    units: [{ key: 'center', isLead: true }],
    leader: 'leader4@saishi.demo',
    members: [],
    status: 'draft',
  },
  {
    name: '邕江数据建模队',
    track: 'university',
    entrantKind: 'units',
    units: [{ key: 'gxu', isLead: true }],
    leader: 'student1@saishi.demo',
    leaderStudentNumber: 'GXU2021001',
    members: [
      { email: 'student2@saishi.demo', role: 'member', studentNumber: 'GXU2021002' },
      { email: 'advisor1@saishi.demo', role: 'advisor' },
    ],
    status: 'approved',
  },
  {
    name: '漓江算法实验室',
    track: 'university',
    entrantKind: 'units',
    units: [{ key: 'guet', isLead: true }],
    leader: 'student3@saishi.demo',
    leaderStudentNumber: 'GUET2022007',
    members: [],
    status: 'submitted',
  },
];

const at = (iso: string) => new Date(iso);

/**
 * Demo units (valid credit codes) and teams of the 2024 Guangxi edition in both tracks: drafts,
 * submitted and approved ones, with their qualification history. Idempotent (skips when the
 * edition already has the demo units). Their documents come from `seedTeamDocuments`.
 */
export async function seedTeams(db: Database): Promise<void> {
  const [edition] = await db.select({ id: editions.id }).from(editions).where(eq(editions.code, '2024-guangxi'));
  if (!edition) return;
  const [already] = await db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.editionId, edition.id), eq(units.creditCode, DEMO_UNITS[0]!.creditCode)));
  if (already) return;
  const userIds = await seedAccounts(db);
  const admin = userIds.get('admin@saishi.demo')!;
  const trackRows = await db
    .select({ id: tracks.id, code: tracks.code })
    .from(tracks)
    .where(eq(tracks.editionId, edition.id));
  const trackId = new Map(trackRows.map((row) => [row.code, row.id]));

  await db.transaction(async (tx) => {
    const unitIds = new Map<string, string>();
    for (const unit of DEMO_UNITS) {
      const [row] = await tx
        .insert(units)
        .values({
          editionId: edition.id,
          name: unit.name,
          type: unit.type,
          creditCode: unit.creditCode,
          region: unit.region,
          createdAt: at('2024-06-28T09:00:00+08:00'),
        })
        .returning({ id: units.id });
      unitIds.set(unit.key, row!.id);
    }
    for (const [index, demo] of DEMO_TEAMS.entries()) {
      const created = at(`2024-07-0${index + 1}T10:00:00+08:00`);
      const submitted = at(`2024-07-1${index}T10:00:00+08:00`);
      const decided = at(`2024-07-2${index}T15:00:00+08:00`);
      const leaderId = userIds.get(demo.leader)!;
      const [team] = await tx
        .insert(teams)
        .values({
          editionId: edition.id,
          trackId: trackId.get(demo.track)!,
          name: demo.name,
          entrantKind: demo.entrantKind,
          leaderUserId: leaderId,
          qualificationStatus: 'draft',
          inviteCode: `demo-team-${index + 1}`,
          pledgeAcceptedAt: demo.status === 'draft' ? null : submitted,
          createdAt: created,
          updatedAt: demo.status === 'approved' ? decided : demo.status === 'submitted' ? submitted : created,
        })
        .returning({ id: teams.id, editionId: teams.editionId, qualificationStatus: teams.qualificationStatus });
      const teamId = team!.id;
      if (demo.units.length)
        await tx
          .insert(teamUnits)
          .values(demo.units.map((unit) => ({ teamId, unitId: unitIds.get(unit.key)!, isLead: unit.isLead })));
      const university = demo.track === 'university' && demo.units[0] ? unitIds.get(demo.units[0].key)! : null;
      await tx.insert(teamMembers).values([
        {
          teamId,
          editionId: edition.id,
          userId: leaderId,
          role: 'leader',
          studentNumber: demo.leaderStudentNumber ?? null,
          universityUnitId: demo.leaderStudentNumber ? university : null,
          joinedAt: created,
        },
        ...demo.members.map((member) => ({
          teamId,
          editionId: edition.id,
          userId: userIds.get(member.email)!,
          role: member.role,
          studentNumber: member.studentNumber ?? null,
          universityUnitId: member.studentNumber ? university : null,
          joinedAt: created,
        })),
      ]);
      // The qualification history goes through the review's own path, ledger entries included.
      if (demo.status !== 'draft') await recordTransition(tx, team!, 'submitted', { sub: leaderId }, null, submitted);
      if (demo.status === 'approved')
        await recordTransition(
          tx,
          { ...team!, qualificationStatus: 'submitted' },
          'approved',
          { sub: admin },
          null,
          decided,
        );
    }
  });
}

/** A one-page demo PDF (ASCII text: the demo must not depend on a CJK font being installed). */
async function demoPdf(title: string, line: string): Promise<Buffer> {
  // PDFKit loads only when the demo data is written (a new database), not at every start.
  const { default: PDFDocument } = await import('pdfkit');
  const document = new PDFDocument({ size: 'A4', margin: 56, info: { Title: title } });
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
  });
  document.fontSize(18).text(title, { align: 'center' }).moveDown();
  document.fontSize(12).text(line).moveDown().text('Saishi demo data: an illustration, not a real document.');
  document.end();
  return done;
}

async function storeDemoPdf(
  db: Database,
  storage: FileStorage,
  pdf: Buffer,
  originalName: string,
  uploadedBy: string,
  at: Date,
): Promise<string> {
  const id = randomUUID();
  const storageKey = `${id.slice(0, 2)}/${id}`;
  await storage.write(storageKey, Readable.from([pdf]));
  await db.insert(storedFiles).values({
    id,
    storageKey,
    originalName,
    mimeType: 'application/pdf',
    sizeBytes: pdf.length,
    sha256: createHash('sha256').update(pdf).digest('hex'),
    uploadedBy,
    createdAt: at,
  });
  return id;
}

/**
 * The documents of the submitted and approved demo teams, so that they meet R-ALL-3 and R-UNI-1
 * as real ones would: a commitment letter per team, a student ID per student. Idempotent.
 */
export async function seedTeamDocuments(db: Database, storage: FileStorage): Promise<void> {
  const demoTeams = await db
    .select({
      id: teams.id,
      name: teams.name,
      leaderUserId: teams.leaderUserId,
      commitmentFileId: teams.commitmentFileId,
      createdAt: teams.createdAt,
    })
    .from(teams)
    .where(
      and(
        inArray(
          teams.inviteCode,
          DEMO_TEAMS.map((_, index) => `demo-team-${index + 1}`),
        ),
        ne(teams.qualificationStatus, 'draft'),
      ),
    );
  for (const team of demoTeams) {
    if (!team.commitmentFileId) {
      const pdf = await demoPdf(
        'Commitment letter (demo)',
        `Team ${team.id}: own or licensed IP, Guangxi division only.`,
      );
      const fileId = await storeDemoPdf(
        db,
        storage,
        pdf,
        `${team.name}-参赛承诺书.pdf`,
        team.leaderUserId,
        team.createdAt,
      );
      await db.update(teams).set({ commitmentFileId: fileId }).where(eq(teams.id, team.id));
    }
    const students = await db
      .select({ id: teamMembers.id, userId: teamMembers.userId, studentNumber: teamMembers.studentNumber })
      .from(teamMembers)
      .where(
        and(eq(teamMembers.teamId, team.id), isNotNull(teamMembers.studentNumber), isNull(teamMembers.studentIdFileId)),
      );
    for (const student of students) {
      const pdf = await demoPdf('Student ID card (demo)', `Student number ${student.studentNumber}`);
      const fileId = await storeDemoPdf(
        db,
        storage,
        pdf,
        `学生证-${student.studentNumber}.pdf`,
        student.userId,
        team.createdAt,
      );
      await db.update(teamMembers).set({ studentIdFileId: fileId }).where(eq(teamMembers.id, student.id));
    }
  }
}
