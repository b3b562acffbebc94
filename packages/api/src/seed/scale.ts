import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { and, eq, sql } from 'drizzle-orm';
import { creditCodeCheckCharacter, FIELD_CODES, type FieldCode } from '@saishi/shared';
import type { Database } from '../db/client.js';
import {
  editions,
  expertProfiles,
  fields,
  projectFiles,
  projectTopics,
  projectVersions,
  projects,
  storedFiles,
  teamMembers,
  teamUnits,
  teams,
  topics,
  tracks,
  units,
  users,
  type ProjectSnapshot,
} from '../db/tables.js';
import { appendLedger } from '../modules/ledger/service.js';
import type { FileStorage } from '../plugins/storage.js';
import { seededRandom } from '../lib/seeded-random.js';

// A national-scale world for benchmarks and organizers' trials: realistic Chinese names, units with
// valid unified social credit codes, approved teams with members, submitted projects with one small
// proposal file each, experts with fields. Deterministic: the same size gives the same world.

/** The sizes the issue measures: a province (like Jiangsu's 1,176 teams) and the nation (~20,000). */
export const SCALES = {
  province: { projects: 1_200, experts: 60 },
  national: { projects: 20_000, experts: 500 },
} as const;
export type Scale = keyof typeof SCALES;

export interface ScaleOptions {
  projects: number;
  experts: number;
  /** The edition the world is added to (the demo's by default). */
  editionCode?: string;
  /** Where the projects' small proposal files go; without it projects have no files. */
  storage?: FileStorage;
  /** The instant every row is dated (a moment of the 2024 collection stage by default). */
  at?: Date;
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐韦覃蒙莫陆'.split('');
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华俊峰宇浩然思远嘉欣子涵雨桐'.split('');
const CITIES = ['南宁', '柳州', '桂林', '梧州', '北海', '钦州', '玉林', '百色', '贺州', '河池', '来宾', '崇左'];
const TRADES = ['智联', '数科', '云图', '信达', '慧通', '华数', '星链', '弘毅', '博远', '天衡', '中睿', '泰和'];
const KINDS = ['数据科技', '信息技术', '智能科技', '网络科技', '软件'];
const UNIVERSITIES = ['广西大学', '广西师范大学', '桂林电子科技大学', '广西民族大学', '广西医科大学', '桂林理工大学'];
const METHODS = ['多源数据融合', '联邦学习', '隐私计算', '知识图谱', '时空大数据', '大模型', '数据沙箱', '区块链存证'];
const SUBJECTS = [
  '城市交通拥堵',
  '中小企业信用',
  '农产品溯源',
  '跨境贸易通关',
  '慢病风险',
  '电网负荷',
  '气象灾害',
  '文旅客流',
];
const PRODUCTS = ['预测平台', '评估模型', '决策系统', '监测大屏', '服务平台', '分析引擎'];

/** A valid unified social credit code of a 柳州 (450200) enterprise (91…) or institution (12…). */
export function scaleCreditCode(index: number, institution = false): string {
  const first17 = `${institution ? '12' : '91'}450200${String(800_000_000 + index)}`;
  return `${first17}${creditCodeCheckCharacter(first17)}`;
}

/** Inserts rows a thousand at a time (PostgreSQL takes at most 65,535 parameters per statement). */
async function insertAll<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>, size = 1_000): Promise<void> {
  for (let start = 0; start < rows.length; start += size) await insert(rows.slice(start, start + size));
}

/** A small PDF naming the project, as a team's proposal would be. */
function proposalPdf(title: string): Buffer {
  const text = `%PDF-1.4\n% ${title}\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`;
  return Buffer.from(text, 'utf8');
}

interface World {
  editionId: string;
  trackIds: { society: string; university: string };
  topics: { id: string; title: string; fieldCode: FieldCode }[];
}

async function worldOf(db: Database, editionCode: string): Promise<World> {
  const [edition] = await db.select({ id: editions.id }).from(editions).where(eq(editions.code, editionCode));
  if (!edition) throw new Error(`edition ${editionCode} not found: load the demo data first`);
  const trackRows = await db
    .select({ id: tracks.id, code: tracks.code })
    .from(tracks)
    .where(eq(tracks.editionId, edition.id));
  const trackId = (code: string) => {
    const row = trackRows.find((track) => track.code === code);
    if (!row) throw new Error(`edition ${editionCode} has no ${code} track`);
    return row.id;
  };
  const topicRows = await db
    .select({ id: topics.id, title: topics.title, fieldCode: fields.code })
    .from(topics)
    .innerJoin(fields, eq(fields.id, topics.fieldId))
    .where(and(eq(fields.editionId, edition.id)));
  return {
    editionId: edition.id,
    trackIds: { society: trackId('society'), university: trackId('university') },
    topics: topicRows.map((row) => ({ ...row, fieldCode: row.fieldCode })),
  };
}

/** Adds `projects` approved teams with submitted projects and `experts` experts to an edition. */
export async function seedScale(db: Database, options: ScaleOptions): Promise<{ projects: number; experts: number }> {
  const at = options.at ?? new Date('2024-08-01T02:00:00Z');
  const world = await worldOf(db, options.editionCode ?? '2024-guangxi');
  const next = seededRandom(options.projects * 7919 + options.experts);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const personName = () => `${pick(SURNAMES)}${pick(GIVEN)}${next() < 0.6 ? pick(GIVEN) : ''}`;
  // Runs of several sizes of the same edition must not collide: a run takes its own number range.
  const [counted] = await db.select({ units: sql<number>`count(*)::int` }).from(units);
  const offset = counted?.units ?? 0;

  const unitCount = Math.max(8, Math.ceil(options.projects / 5));
  const universityCount = Math.min(UNIVERSITIES.length, Math.floor(unitCount / 6));
  const unitRows = Array.from({ length: unitCount }, (_, index) => {
    const university = index < universityCount;
    const number = offset + index + 1;
    return {
      id: randomUUID(),
      editionId: world.editionId,
      name: university
        ? `${UNIVERSITIES[index]}（${number}）`
        : `${pick(CITIES)}${pick(TRADES)}${pick(KINDS)}有限公司（${number}）`,
      type: university ? ('university' as const) : ('enterprise' as const),
      creditCode: scaleCreditCode(number, university),
      region: '广西',
      createdAt: at,
    };
  });
  await insertAll(unitRows, (chunk) => db.insert(units).values(chunk));
  const universities = unitRows.filter((unit) => unit.type === 'university');
  const enterprises = unitRows.filter((unit) => unit.type === 'enterprise');

  const runTag = `${offset}`;
  const people = (count: number, role: 'participant' | 'expert', prefix: string) =>
    Array.from({ length: count }, (_, index) => ({
      id: randomUUID(),
      email: `${prefix}-${runTag}-${index + 1}@scale.saishi.test`,
      mobile: null,
      // Not a password hash: these accounts cannot log in until an organizer resets them.
      passwordHash: '!scale',
      displayName: personName(),
      role,
      createdAt: at,
    }));
  const leaders = people(options.projects, 'participant', 'leader');
  const members = people(options.projects, 'participant', 'member');
  const experts = people(options.experts, 'expert', 'expert');
  await insertAll([...leaders, ...members, ...experts], (chunk) => db.insert(users).values(chunk));

  const teamRows = leaders.map((leader, index) => {
    const university = index % 3 === 2;
    return {
      id: randomUUID(),
      editionId: world.editionId,
      trackId: university ? world.trackIds.university : world.trackIds.society,
      name: `${pick(TRADES)}${pick(METHODS).slice(0, 2)}团队${offset + index + 1}`,
      entrantKind: 'units' as const,
      leaderUserId: leader.id,
      qualificationStatus: 'approved' as const,
      inviteCode: `SCALE${runTag}X${index + 1}`,
      pledgeAcceptedAt: at,
      createdAt: at,
      updatedAt: at,
      leadUnit: university ? pick(universities) : pick(enterprises),
    };
  });
  await insertAll(teamRows, (chunk) => db.insert(teams).values(chunk.map(({ leadUnit: _lead, ...team }) => team)));
  await certifyApprovals(db, teamRows, at);
  await insertAll(teamRows, (chunk) =>
    db.insert(teamUnits).values(chunk.map((team) => ({ teamId: team.id, unitId: team.leadUnit.id, isLead: true }))),
  );
  const memberRows = teamRows.flatMap((team, index) => {
    const student = team.leadUnit.type === 'university';
    return [leaders[index]!, members[index]!].map((person, position) => ({
      teamId: team.id,
      editionId: world.editionId,
      userId: person.id,
      role: position === 0 ? ('leader' as const) : ('member' as const),
      studentNumber: student ? `S${runTag}${String(index * 2 + position).padStart(8, '0')}` : null,
      universityUnitId: student ? team.leadUnit.id : null,
      joinedAt: at,
    }));
  });
  await insertAll(memberRows, (chunk) => db.insert(teamMembers).values(chunk));

  await seedProjects(db, world, teamRows, leaders, { at, next, storage: options.storage });
  await insertAll(experts, (chunk) =>
    db.insert(expertProfiles).values(
      chunk.map((expert, index) => {
        const affiliation = index % 4 === 0 ? pick(unitRows) : null;
        return {
          userId: expert.id,
          affiliationName: affiliation?.name ?? `${pick(CITIES)}数据研究院`,
          affiliationCreditCode: affiliation?.creditCode ?? null,
          title: pick(['教授', '研究员', '高级工程师', '副教授']),
          fieldCodes: [pick(FIELD_CODES), pick(FIELD_CODES)].filter(
            (code, position, all) => all.indexOf(code) === position,
          ),
          createdAt: at,
          updatedAt: at,
        };
      }),
    ),
  );
  // Fresh statistics, or the planner takes 20,000 rows for a few dozen and plans lists badly.
  await db.execute(sql`analyze`);
  return { projects: teamRows.length, experts: experts.length };
}

/**
 * Each generated approval enters the ledger as the organizers' decision would, certifying the
 * team's row, so that the ledger verifies and ranking, advancement and awards run on the world.
 */
async function certifyApprovals(db: Database, teamRows: { id: string }[], at: Date): Promise<void> {
  await insertAll(teamRows, (chunk) =>
    db.transaction(async (tx) => {
      for (const team of chunk) {
        await appendLedger(
          tx,
          {
            action: 'qualification.decided',
            actorId: null,
            subjectType: 'team',
            subjectId: team.id,
            payload: { generated: 'seed --scale' },
            certifies: { table: 'teams', rowId: team.id },
          },
          at,
        );
      }
    }),
  );
}

interface ProjectContext {
  at: Date;
  next: () => number;
  storage: FileStorage | undefined;
}

async function seedProjects(
  db: Database,
  world: World,
  teamRows: { id: string; name: string; trackId: string }[],
  leaders: { id: string }[],
  { at, next, storage }: ProjectContext,
): Promise<void> {
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const rows = teamRows.map((team, index) => {
    const modeling = index % 2 === 0;
    const topic = pick(world.topics);
    const title = `基于${pick(METHODS)}的${pick(SUBJECTS)}${pick(PRODUCTS)}`;
    return {
      project: {
        id: randomUUID(),
        editionId: world.editionId,
        teamId: team.id,
        title,
        summary: `${team.name}以${topic.title}为题，${title}。`,
        directionCode: modeling ? ('modeling' as const) : ('product_innovation' as const),
        categoryCode: modeling ? ('modeling' as const) : ('data_product' as const),
        latestVersion: 1,
        firstSubmittedAt: at,
        lastSubmittedAt: at,
        createdAt: at,
        updatedAt: at,
      },
      topic,
      leaderId: leaders[index]!.id,
    };
  });
  await insertAll(rows, (chunk) => db.insert(projects).values(chunk.map((row) => row.project)));
  await insertAll(rows, (chunk) =>
    db.insert(projectTopics).values(chunk.map((row) => ({ projectId: row.project.id, topicId: row.topic.id }))),
  );
  const files = storage ? await storeProposals(db, storage, rows, at) : new Map<string, ProjectSnapshot['files']>();
  await insertAll(rows, (chunk) =>
    db.insert(projectVersions).values(
      chunk.map((row) => ({
        projectId: row.project.id,
        number: 1,
        snapshot: snapshotOf(row.project, row.topic, files.get(row.project.id) ?? []),
        submittedBy: row.leaderId,
        submittedAt: at,
      })),
    ),
  );
}

function snapshotOf(
  project: {
    title: string;
    summary: string;
    directionCode: 'modeling' | 'product_innovation';
    categoryCode: 'modeling' | 'data_product';
  },
  topic: { id: string; title: string; fieldCode: string },
  files: ProjectSnapshot['files'],
): ProjectSnapshot {
  return {
    title: project.title,
    summary: project.summary,
    direction: project.directionCode,
    category: project.categoryCode,
    publicComponentKind: null,
    topicScope: 'single_field',
    topics: [topic],
    dataSources: [],
    benefitProof: null,
    technology: { privacyComputing: false, dataSandbox: false, blockchain: false, domesticTechnology: true, notes: '' },
    completeBeforeNationalFinal: true,
    completionDeclared: true,
    files,
  };
}

/** Writes one small proposal PDF per project to storage and records it. */
async function storeProposals(
  db: Database,
  storage: FileStorage,
  rows: { project: { id: string; title: string }; leaderId: string }[],
  at: Date,
): Promise<Map<string, ProjectSnapshot['files']>> {
  const byProject = new Map<string, ProjectSnapshot['files']>();
  const stored: (typeof storedFiles.$inferInsert)[] = [];
  const attached: (typeof projectFiles.$inferInsert)[] = [];
  for (const row of rows) {
    const bytes = proposalPdf(row.project.title);
    const storageKey = `scale/${row.project.id}.pdf`;
    await storage.write(storageKey, Readable.from([bytes]));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const file = {
      id: randomUUID(),
      storageKey,
      originalName: `${row.project.title}.pdf`,
      mimeType: 'application/pdf',
    };
    stored.push({ ...file, sizeBytes: bytes.length, sha256, uploadedBy: row.leaderId, createdAt: at });
    const projectFileId = randomUUID();
    attached.push({
      id: projectFileId,
      projectId: row.project.id,
      kind: 'proposal',
      storedFileId: file.id,
      addedBy: row.leaderId,
      addedAt: at,
    });
    const { originalName: name, mimeType } = file;
    byProject.set(row.project.id, [
      { id: projectFileId, kind: 'proposal', storedFileId: file.id, name, mimeType, sizeBytes: bytes.length, sha256 },
    ]);
  }
  await insertAll(stored, (chunk) => db.insert(storedFiles).values(chunk));
  await insertAll(attached, (chunk) => db.insert(projectFiles).values(chunk));
  return byProject;
}
