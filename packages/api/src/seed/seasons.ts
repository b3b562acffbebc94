import { and, eq, isNull } from 'drizzle-orm';
import { CATEGORY_DIRECTION, creditCodeCheckCharacter } from '@saishi/shared';
import type { Database } from '../db/client.js';
import type { Deps } from '../lib/deps.js';
import type { FileStorage } from '../plugins/storage.js';
import { cloneEdition } from '../modules/editions/clone.js';
import { createEdition, transitionEdition } from '../modules/editions/lifecycle.js';
import { resolveEdition } from '../modules/editions/resolve.js';
import { divisions, editions, organizerScopes, tracks } from '../modules/editions/tables.js';
import { projects } from '../modules/projects/tables.js';
import { recordTransition } from '../modules/teams/qualification.js';
import { teamMembers, teams, teamUnits, units } from '../modules/teams/tables.js';
import { seedAccounts, type DemoUser } from './accounts.js';
import { guangxi2024 } from './guangxi-2024.js';

// The multi-season, multi-division demo around the 2024 Guangxi edition: the 2024 national
// edition that Guangxi and a small 江苏 sample belong to, and the 2025 Guangxi season cloned from
// 2024 by the clone service and waiting, as a draft, for its collection to be published.

const code = (first17: string) => first17 + creditCodeCheckCharacter(first17)!;

export const SEASON_USERS: DemoUser[] = [
  { email: 'js-admin@saishi.demo', displayName: '江苏分赛管理员', role: 'admin' },
  { email: 'national-admin@saishi.demo', displayName: '全国赛管理员', role: 'admin' },
  { email: 'js-leader1@saishi.demo', mobile: '13900000001', displayName: '孙浩', role: 'participant' },
  { email: 'js-leader2@saishi.demo', mobile: '13900000002', displayName: '钱琳', role: 'participant' },
];

/** Division organizers of the demo: their scope (lib/scope.ts) keeps them to their division. */
const SCOPED_ORGANIZERS = [
  { email: 'js-admin@saishi.demo', division: 'jiangsu' },
  { email: 'national-admin@saishi.demo', division: 'national' },
];

const at = (iso: string) => new Date(iso);
const clockAt = (iso: string) => ({ now: () => at(iso) });

/** The 2024 timeline of the Guangxi notice, which the national and 江苏 demo editions share. */
const STAGES_2024 = guangxi2024.stages.map(({ code: stage, startsAt, endsAt }) => ({ code: stage, startsAt, endsAt }));

/**
 * The 江苏 sample: two approved teams. The 柳州 company of the Guangxi demo (same credit code)
 * entered 江苏 too with nearly the same project: the likely duplicate entry the organizers should see.
 */
const JIANGSU_UNITS = [
  { key: 'suzhou', name: '苏州工业互联数据有限公司（演示）', creditCode: code('91320500MA1N00012'), region: '苏州市' },
  { key: 'zhizao', name: '柳州智造数据有限公司（演示）', creditCode: code('91450200MA5N00025'), region: '柳州市' },
];
const JIANGSU_TEAMS = [
  {
    name: '苏州工业数据联合体',
    unit: 'suzhou',
    leader: 'js-leader1@saishi.demo',
    project: { title: '长三角制造业供应链协同数据平台（演示）', summary: '汇聚长三角制造业上下游订单与物流数据。' },
  },
  {
    name: '柳州智造江苏团队',
    unit: 'zhizao',
    leader: 'js-leader2@saishi.demo',
    project: { title: '工业设备数据采集标准化组件', summary: '面向汽车零部件企业的设备数据采集组件。' },
  },
];

async function seedDivision(deps: Deps, divisionCode: string, name: string, kind: 'national' | 'provincial') {
  const [existing] = await deps.db.select().from(divisions).where(eq(divisions.code, divisionCode));
  if (existing) return existing;
  const [created] = await deps.db
    .insert(divisions)
    .values({ code: divisionCode, name, kind, sortOrder: kind === 'national' ? 0 : 10 })
    .returning();
  return created!;
}

/** Creates and publishes an edition from scratch unless its code exists. */
async function seedPublishedEdition(deps: Deps, body: Parameters<typeof createEdition>[1]) {
  const [existing] = await deps.db.select().from(editions).where(eq(editions.code, body.code));
  if (existing) return existing;
  const created = await createEdition(deps, body);
  await transitionEdition(deps, await resolveEdition(deps.db, created.id), 'publish');
  return resolveEdition(deps.db, created.id);
}

/** The 2024 Guangxi edition joins the 2024 national edition; its memberships take the national edition. */
async function attachGuangxi(deps: Deps, nationalId: string) {
  const guangxi = await resolveEdition(deps.db, guangxi2024.code);
  if (guangxi.parentId) return;
  await deps.db
    .update(editions)
    .set({ parentId: nationalId })
    .where(and(eq(editions.id, guangxi.id), isNull(editions.parentId)));
  // The R-DIV-1 trigger fills team_members.national_edition_id on every update of the row.
  await deps.db.update(teamMembers).set({ editionId: guangxi.id }).where(eq(teamMembers.editionId, guangxi.id));
}

async function seedJiangsuSample(deps: Deps & { db: Database }, editionId: string) {
  if (await deps.db.$count(teams, eq(teams.editionId, editionId))) return;
  const userIds = await seedAccounts(deps.db, SEASON_USERS);
  const [society] = await deps.db
    .select({ id: tracks.id })
    .from(tracks)
    .where(and(eq(tracks.editionId, editionId), eq(tracks.code, 'society')));
  const admin = userIds.get('js-admin@saishi.demo')!;
  await deps.db.transaction(async (tx) => {
    const unitIds = new Map<string, string>();
    for (const unit of JIANGSU_UNITS) {
      const [row] = await tx
        .insert(units)
        .values({
          editionId,
          name: unit.name,
          type: 'enterprise',
          creditCode: unit.creditCode,
          region: unit.region,
          createdAt: at('2024-07-01T09:00:00+08:00'),
        })
        .returning({ id: units.id });
      unitIds.set(unit.key, row!.id);
    }
    for (const [index, demo] of JIANGSU_TEAMS.entries()) {
      const created = at(`2024-07-0${index + 2}T10:00:00+08:00`);
      const submitted = at(`2024-07-1${index + 2}T10:00:00+08:00`);
      const decided = at(`2024-07-2${index + 2}T15:00:00+08:00`);
      const leaderId = userIds.get(demo.leader)!;
      const [team] = await tx
        .insert(teams)
        .values({
          editionId,
          trackId: society!.id,
          name: demo.name,
          entrantKind: 'units',
          leaderUserId: leaderId,
          qualificationStatus: 'draft',
          inviteCode: `demo-jiangsu-${index + 1}`,
          pledgeAcceptedAt: submitted,
          createdAt: created,
          updatedAt: decided,
        })
        .returning({ id: teams.id, editionId: teams.editionId, qualificationStatus: teams.qualificationStatus });
      const teamId = team!.id;
      await tx.insert(teamUnits).values({ teamId, unitId: unitIds.get(demo.unit)!, isLead: true });
      await tx.insert(teamMembers).values({ teamId, editionId, userId: leaderId, role: 'leader', joinedAt: created });
      // The qualification history goes through the review's own path, ledger entries included.
      await recordTransition(tx, team!, 'submitted', { sub: leaderId }, null, submitted);
      await recordTransition(
        tx,
        { ...team!, qualificationStatus: 'submitted' },
        'approved',
        { sub: admin },
        null,
        decided,
      );
      await tx.insert(projects).values({
        editionId,
        teamId,
        title: demo.project.title,
        summary: demo.project.summary,
        directionCode: CATEGORY_DIRECTION.data_product,
        categoryCode: 'data_product',
        topicScope: 'single_field',
        createdAt: decided,
        updatedAt: decided,
      });
    }
  });
}

async function seedScopedOrganizers(deps: Deps & { db: Database }) {
  const userIds = await seedAccounts(deps.db, SEASON_USERS);
  for (const organizer of SCOPED_ORGANIZERS) {
    const [division] = await deps.db.select().from(divisions).where(eq(divisions.code, organizer.division));
    await deps.db
      .insert(organizerScopes)
      .values({ userId: userIds.get(organizer.email)!, divisionId: division!.id })
      .onConflictDoNothing();
  }
}

/** The code of the last edition the demo creates: once it exists, seedDemo was completed. */
export const LAST_DEMO_EDITION = '2025-guangxi';

/**
 * The other seasons and divisions of the demo, after the 2024 Guangxi edition: the 2024 national
 * edition (with Guangxi and a 江苏 sample) and the 2025 Guangxi draft cloned from 2024.
 * Idempotent; every row carries a demo instant, not the wall clock.
 */
export async function seedSeasons(db: Database, storage: FileStorage): Promise<void> {
  const deps = { db, storage };
  const setUp = { ...deps, clock: clockAt(guangxi2024.setUpAt) };
  await seedDivision(setUp, 'national', '全国总决赛', 'national');
  await seedDivision(setUp, 'jiangsu', '江苏分赛', 'provincial');
  const national = await seedPublishedEdition(setUp, {
    code: '2024-national',
    year: 2024,
    divisionCode: 'national',
    name: '2024年"数据要素×"大赛全国总决赛',
    theme: guangxi2024.theme,
    organizers: { guidance: ['国家数据局'], host: ['国家数据局'], undertaker: [] },
    nationalFinalAt: guangxi2024.nationalFinalAt,
    stages: STAGES_2024,
  });
  await attachGuangxi(setUp, national.id);
  const jiangsu = await seedPublishedEdition(setUp, {
    code: '2024-jiangsu',
    year: 2024,
    divisionCode: 'jiangsu',
    parent: national.id,
    name: '2024年"数据要素×"大赛江苏分赛',
    theme: guangxi2024.theme,
    organizers: { guidance: ['国家数据局'], host: ['江苏省数据局'], undertaker: [] },
    nationalFinalAt: guangxi2024.nationalFinalAt,
    stages: STAGES_2024,
  });
  await seedJiangsuSample(setUp, jiangsu.id);
  await seedScopedOrganizers(setUp);

  const [season2025] = await deps.db
    .select({ id: editions.id })
    .from(editions)
    .where(eq(editions.code, LAST_DEMO_EDITION));
  if (!season2025)
    await cloneEdition(
      { ...deps, clock: clockAt('2025-05-20T09:00:00+08:00') },
      await resolveEdition(deps.db, guangxi2024.code),
      { code: LAST_DEMO_EDITION, year: 2025 },
    );
}
