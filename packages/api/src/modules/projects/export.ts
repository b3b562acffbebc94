import type { Static } from 'typebox';
import {
  CATEGORY_LABELS,
  COMPONENT_KIND_LABELS,
  DIRECTION_LABELS,
  FIELD_LABELS,
  PROJECT_STATUS_LABELS,
  QUALIFICATION_STATUS_LABELS,
  TRACK_LABELS,
  UNIT_TYPE_LABELS,
} from '@saishi/shared';
import type { Actor, Deps } from '../../lib/deps.js';
import { EXPORT_PAGE_ROWS, rowsAsWritten, spreadsheet, type SheetColumn } from '../../lib/spreadsheet.js';
import { disclosedPages, startDisclosure } from '../privacy/disclosure.js';
import { maskedContacts, membersText, zh } from '../teams/contacts.js';
import { exportPages, type ExportedProject } from './listing.js';
import type { ExportQuery } from './schemas.js';

// The organizers' list as a spreadsheet, streamed a page of projects at a time: each page is read
// (the projects with their contacts, then their topics and members, each set-based) and logged
// while the one before is written.

/** A project as the export writes it: the contacts masked or not, the members as one text. */
interface ExportRow {
  project: ExportedProject;
  leaderMobile: string;
  leaderEmail: string;
  /** "张三（负责人）、李四（成员）", the leader first, then in joining order. */
  members: string;
}

/**
 * The export's columns, in order, one set for CSV and XLSX: header (Chinese, for the organizers'
 * spreadsheet) and value. Enumerations are named (社会赛道, not `society`); their codes follow at
 * the end for sorting and machine use.
 */
const EXPORT_COLUMNS: SheetColumn<ExportRow>[] = [
  { header: '作品编号', value: ({ project: p }) => p.id },
  { header: '作品名称', value: ({ project: p }) => p.title },
  { header: '团队', value: ({ project: p }) => p.teamName },
  { header: '负责人', value: ({ project: p }) => p.leaderName },
  { header: '负责人手机', value: (row) => row.leaderMobile },
  { header: '负责人邮箱', value: (row) => row.leaderEmail },
  { header: '团队成员', value: (row) => row.members },
  { header: '牵头单位', value: ({ project: p }) => p.leadUnitName ?? '' },
  { header: '统一社会信用代码', value: ({ project: p }) => p.creditCode },
  { header: '单位类型', value: ({ project: p }) => zh(UNIT_TYPE_LABELS, p.leadUnitType ?? 'individual') },
  { header: '赛道', value: ({ project: p }) => zh(TRACK_LABELS, p.track) },
  { header: '参赛方向', value: ({ project: p }) => zh(DIRECTION_LABELS, p.direction) },
  { header: '类别', value: ({ project: p }) => zh(CATEGORY_LABELS, p.category) },
  { header: '组件类型', value: ({ project: p }) => zh(COMPONENT_KIND_LABELS, p.publicComponentKind) },
  { header: '行业领域', value: ({ project: p }) => p.fieldCodes.map((code) => zh(FIELD_LABELS, code)).join('；') },
  { header: '赛题', value: ({ project: p }) => p.topics.map((topic) => topic.title).join('；') },
  { header: '资格审核', value: ({ project: p }) => zh(QUALIFICATION_STATUS_LABELS, p.qualificationStatus) },
  { header: '状态', value: ({ project: p }) => zh(PROJECT_STATUS_LABELS, p.status) },
  { header: '最新版本', value: ({ project: p }) => p.latestVersion },
  { header: '首次提交', value: ({ project: p }) => p.firstSubmittedAt ?? '' },
  { header: '最近提交', value: ({ project: p }) => p.lastSubmittedAt ?? '' },
  { header: '赛道代码', value: ({ project: p }) => p.track },
  { header: '类别代码', value: ({ project: p }) => p.category },
  { header: '行业领域代码', value: ({ project: p }) => p.fieldCodes.join(';') },
  { header: '资格审核代码', value: ({ project: p }) => p.qualificationStatus },
];

/** A project's row: the leader's mobile and e-mail masked (138****0001) unless `unmasked`. */
function exportRow(project: ExportedProject, unmasked: boolean): ExportRow {
  return {
    project,
    ...maskedContacts({ mobile: project.leaderMobile, email: project.leaderEmail }, unmasked),
    members: membersText(project.members),
  };
}

/**
 * The filtered list as CSV or XLSX; an unknown edition, or a reason without `personalData.view`,
 * fails here, before any byte is sent. The leader's contacts go out unmasked with a reason; every
 * person named is logged.
 */
export async function exportProjects(deps: Deps, query: Static<typeof ExportQuery>, actor: Actor) {
  const { format, reason, ...filters } = query;
  const disclosure = await startDisclosure(deps, actor, 'projects', reason);
  const pages = exportPages(deps, filters, EXPORT_PAGE_ROWS[format]);
  const first = await pages.next(); // resolves the edition
  async function* all() {
    if (!first.done) yield first.value;
    yield* pages;
  }
  const logged = disclosedPages(deps, all(), disclosure, (project) => ({
    contacts: project.leaderUserId ? [project.leaderUserId] : [],
    named: project.members.map(([, , userId]) => userId),
  }));
  const rows = rowsAsWritten(logged, (project) => exportRow(project, disclosure.unmasked));
  return spreadsheet(format, EXPORT_COLUMNS, rows, { fileName: 'projects', sheetName: '参赛作品' });
}
