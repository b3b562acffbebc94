import { and, asc, eq, gt, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Static } from 'typebox';
import { ENTRANT_KIND_LABELS, QUALIFICATION_STATUS_LABELS, TRACK_LABELS, UNIT_TYPE_LABELS } from '@saishi/shared';
import { pagedReads } from '../../db/paged-reads.js';
import type { Actor, Db, Deps } from '../../lib/deps.js';
import { EXPORT_PAGE_ROWS, rowsAsWritten, spreadsheet, type SheetColumn } from '../../lib/spreadsheet.js';
import { isoInZone } from '../../lib/time.js';
import { users } from '../accounts/tables.js';
import { editions, tracks } from '../editions/tables.js';
import { disclosedPages, startDisclosure } from '../privacy/disclosure.js';
import { maskedContacts, membersOfTeams, membersText, zh } from './contacts.js';
import type { TeamExportQuery } from './schemas.js';
import { teamUnits, teams, units } from './tables.js';
import { teamFilters } from './teams.js';

// The organizers' teams (the qualification queue's filters) as a spreadsheet with whom to call,
// streamed a page of teams at a time: each page is one query for the teams and their contacts,
// and one for all their members.

const leader = alias(users, 'leader');

const EXPORT_SELECTION = {
  id: teams.id,
  name: teams.name,
  trackCode: tracks.code,
  entrantKind: teams.entrantKind,
  qualificationStatus: teams.qualificationStatus,
  flaggedAt: teams.flaggedAt,
  flagReason: teams.flagReason,
  createdAt: teams.createdAt,
  updatedAt: teams.updatedAt,
  timeZone: editions.timeZone,
  leaderUserId: leader.id,
  leaderName: leader.displayName,
  leaderMobile: leader.mobile,
  leaderEmail: leader.email,
  leadUnitName: units.name,
  leadUnitType: units.type,
  creditCode: units.creditCode,
};

/** One page of the export, by name then id, after the given keyset. */
function queryTeams(db: Db, filters: Awaited<ReturnType<typeof teamFilters>>, limit: number, after?: [string, string]) {
  return (
    db
      .select(EXPORT_SELECTION)
      .from(teams)
      .innerJoin(tracks, eq(tracks.id, teams.trackId))
      .innerJoin(editions, eq(editions.id, teams.editionId))
      .innerJoin(leader, eq(leader.id, teams.leaderUserId))
      // The lead unit: one at most (a unique partial index).
      .leftJoin(teamUnits, and(eq(teamUnits.teamId, teams.id), eq(teamUnits.isLead, true)))
      .leftJoin(units, eq(units.id, teamUnits.unitId))
      .where(
        and(
          filters,
          after ? or(gt(teams.name, after[0]), and(eq(teams.name, after[0]), gt(teams.id, after[1]))) : undefined,
        ),
      )
      .orderBy(asc(teams.name), asc(teams.id))
      .limit(limit)
  );
}

/** One page of the export with each team's members: two set-based queries, whatever the page's size. */
async function queryPage(
  db: Db,
  filters: Awaited<ReturnType<typeof teamFilters>>,
  limit: number,
  after?: [string, string],
) {
  const rows = await queryTeams(db, filters, limit, after);
  const members = await membersOfTeams(
    db,
    rows.map((row) => row.id),
  );
  // Added to the row rather than spread with it into a copy, which takes three times the memory.
  return rows.map((row) => Object.assign(row, { members: members.get(row.id) ?? [] }));
}

type ExportedTeam = Awaited<ReturnType<typeof queryPage>>[number];

/** Every team matching the filters, a page of `pageSize` at a time, the next asked for while this one is written. */
async function* exportPages(deps: Deps, filters: Awaited<ReturnType<typeof teamFilters>>, pageSize: number) {
  const reads = pagedReads(deps.db);
  let next = queryPage(reads, filters, pageSize);
  for (;;) {
    const rows = await next;
    const last = rows.length === pageSize ? rows.at(-1) : undefined;
    if (last) {
      next = queryPage(reads, filters, pageSize, [last.name, last.id]);
      // Awaited at the next page; a consumer that stops early leaves it unawaited, not unhandled.
      next.catch(() => {});
    }
    yield rows;
    if (!last) return;
  }
}

/** A team as the export writes it: the leader's contacts masked or not, the members as one text. */
interface ExportRow {
  team: ExportedTeam;
  leaderMobile: string;
  leaderEmail: string;
  members: string;
}

/**
 * The export's columns, in order, one set for CSV and XLSX. Enumerations are named (高校赛道, not
 * `university`); their codes follow at the end for sorting and machine use.
 */
const EXPORT_COLUMNS: SheetColumn<ExportRow>[] = [
  { header: '团队编号', value: ({ team }) => team.id },
  { header: '团队名称', value: ({ team }) => team.name },
  { header: '赛道', value: ({ team }) => zh(TRACK_LABELS, team.trackCode) },
  { header: '参赛主体', value: ({ team }) => zh(ENTRANT_KIND_LABELS, team.entrantKind) },
  { header: '负责人', value: ({ team }) => team.leaderName },
  { header: '负责人手机', value: (row) => row.leaderMobile },
  { header: '负责人邮箱', value: (row) => row.leaderEmail },
  { header: '团队成员', value: (row) => row.members },
  { header: '成员人数', value: ({ team }) => team.members.length },
  { header: '牵头单位', value: ({ team }) => team.leadUnitName ?? '' },
  { header: '统一社会信用代码', value: ({ team }) => team.creditCode ?? '' },
  { header: '单位类型', value: ({ team }) => zh(UNIT_TYPE_LABELS, team.leadUnitType ?? 'individual') },
  { header: '资格审核', value: ({ team }) => zh(QUALIFICATION_STATUS_LABELS, team.qualificationStatus) },
  { header: '黑名单预警', value: ({ team }) => (team.flaggedAt ? team.flagReason || '是' : '') },
  { header: '注册时间', value: ({ team }) => isoInZone(team.createdAt, team.timeZone) },
  { header: '最近更新', value: ({ team }) => isoInZone(team.updatedAt, team.timeZone) },
  { header: '赛道代码', value: ({ team }) => team.trackCode },
  { header: '参赛主体代码', value: ({ team }) => team.entrantKind },
  { header: '单位类型代码', value: ({ team }) => team.leadUnitType ?? 'individual' },
  { header: '资格审核代码', value: ({ team }) => team.qualificationStatus },
];

function exportRow(team: ExportedTeam, unmasked: boolean): ExportRow {
  return {
    team,
    ...maskedContacts({ mobile: team.leaderMobile, email: team.leaderEmail }, unmasked),
    members: membersText(team.members),
  };
}

/**
 * The filtered teams as CSV or XLSX; an unknown edition, or a reason without `personalData.view`,
 * fails here, before any byte is sent. Every person named is logged, the leaders as `export` when
 * their contacts go out unmasked.
 */
export async function exportTeams(deps: Deps, query: Static<typeof TeamExportQuery>, actor: Actor) {
  const { format, reason, ...filterQuery } = query;
  const filters = await teamFilters(deps, filterQuery);
  const disclosure = await startDisclosure(deps, actor, 'teams', reason);
  const logged = disclosedPages(deps, exportPages(deps, filters, EXPORT_PAGE_ROWS[format]), disclosure, (team) => ({
    contacts: [team.leaderUserId],
    named: team.members.map(([, , userId]) => userId),
  }));
  const rows = rowsAsWritten(logged, (team) => exportRow(team, disclosure.unmasked));
  return spreadsheet(format, EXPORT_COLUMNS, rows, { fileName: 'teams', sheetName: '参赛团队' });
}
