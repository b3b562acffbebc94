import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Static } from 'typebox';
import {
  CATEGORY_LABELS,
  COMPONENT_KIND_LABELS,
  DIRECTION_LABELS,
  FIELD_LABELS,
  MEMBER_ROLE_LABELS,
  PROJECT_STATUS_LABELS,
  QUALIFICATION_STATUS_LABELS,
  TRACK_LABELS,
  UNIT_TYPE_LABELS,
  labelOf,
  maskEmail,
  maskMobile,
  type LocalizedMessage,
} from '@saishi/shared';
import type { Actor, Deps } from '../../lib/deps.js';
import { assertPersonalDataRight, logAccess } from '../privacy/access.js';
import { exportPages, type ExportedProject } from './listing.js';
import type { ExportQuery } from './schemas.js';

// The organizers' list as a spreadsheet, streamed a page of projects at a time: each page is one
// query that brings the contacts along, written out before the next page is read.

/** Spreadsheet programs run a cell starting with = + - @ as a formula: such text gets a leading apostrophe. */
const inert = (value: string | number) =>
  typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;

/** A project as the export writes it: the contacts masked or not, the members as one text. */
type ExportRow = Omit<ExportedProject, 'leaderMobile' | 'leaderEmail' | 'members'> & {
  leaderMobile: string;
  leaderEmail: string;
  /** "张三（负责人）、李四（成员）", the leader first, then in joining order. */
  members: string;
};
const zh = (labels: Readonly<Record<string, LocalizedMessage>>, code: string | null) => labelOf(labels, code, 'zh-CN');

/**
 * The export's columns, in order, one set for CSV and XLSX: header (Chinese, for the organizers'
 * spreadsheet) and value. Enumerations are named (社会赛道, not `society`); their codes follow at
 * the end for sorting and machine use.
 */
const EXPORT_COLUMNS: { header: string; value: (project: ExportRow) => string | number }[] = [
  { header: '作品编号', value: (p) => p.id },
  { header: '作品名称', value: (p) => p.title },
  { header: '团队', value: (p) => p.teamName },
  { header: '负责人', value: (p) => p.leaderName },
  { header: '负责人手机', value: (p) => p.leaderMobile },
  { header: '负责人邮箱', value: (p) => p.leaderEmail },
  { header: '团队成员', value: (p) => p.members },
  { header: '牵头单位', value: (p) => p.leadUnitName ?? '' },
  { header: '统一社会信用代码', value: (p) => p.creditCode },
  { header: '单位类型', value: (p) => zh(UNIT_TYPE_LABELS, p.leadUnitType ?? 'individual') },
  { header: '赛道', value: (p) => zh(TRACK_LABELS, p.track) },
  { header: '参赛方向', value: (p) => zh(DIRECTION_LABELS, p.direction) },
  { header: '类别', value: (p) => zh(CATEGORY_LABELS, p.category) },
  { header: '组件类型', value: (p) => zh(COMPONENT_KIND_LABELS, p.publicComponentKind) },
  { header: '行业领域', value: (p) => p.fieldCodes.map((code) => zh(FIELD_LABELS, code)).join('；') },
  { header: '赛题', value: (p) => p.topics.map((topic) => topic.title).join('；') },
  { header: '资格审核', value: (p) => zh(QUALIFICATION_STATUS_LABELS, p.qualificationStatus) },
  { header: '状态', value: (p) => zh(PROJECT_STATUS_LABELS, p.status) },
  { header: '最新版本', value: (p) => p.latestVersion },
  { header: '首次提交', value: (p) => p.firstSubmittedAt ?? '' },
  { header: '最近提交', value: (p) => p.lastSubmittedAt ?? '' },
  { header: '赛道代码', value: (p) => p.track },
  { header: '类别代码', value: (p) => p.category },
  { header: '行业领域代码', value: (p) => p.fieldCodes.join(';') },
  { header: '资格审核代码', value: (p) => p.qualificationStatus },
];

/**
 * Who exports, why and under which id: every export of personal information is logged, masked or
 * not (`unmasked`: the leaders' contacts go out in clear). The id in `resource` groups an export's
 * entries, so the log tells how many people one export named.
 */
interface Disclosure {
  actor: Actor;
  unmasked: boolean;
  resource: string;
  reason: string;
}

const MEMBER_ROLES_ZH = new Map(Object.keys(MEMBER_ROLE_LABELS).map((role) => [role, zh(MEMBER_ROLE_LABELS, role)]));

/** A project's row: the leader's mobile and e-mail masked (138****0001) unless `unmasked`. */
function exportRow(project: ExportedProject, unmasked: boolean): ExportRow {
  return {
    ...project,
    leaderMobile: (unmasked ? project.leaderMobile : maskMobile(project.leaderMobile)) ?? '',
    leaderEmail: (unmasked ? project.leaderEmail : maskEmail(project.leaderEmail)) ?? '',
    members: project.members.map(([name, role]) => `${name}（${MEMBER_ROLES_ZH.get(role) ?? role}）`).join('、'),
  };
}

/**
 * The rows page by page, each page's people logged before their names and contacts are written:
 * the leaders whose contacts go out unmasked as `export`, everyone else named as `export_masked`.
 */
async function* exportRows(deps: Deps, pages: AsyncIterable<ExportedProject[]>, disclosure: Disclosure) {
  const record = { actor: disclosure.actor, resource: disclosure.resource, reason: disclosure.reason };
  for await (const page of pages) {
    const unmasked = new Set(
      disclosure.unmasked ? page.flatMap((project) => (project.leaderUserId ? [project.leaderUserId] : [])) : [],
    );
    const named = page.flatMap((project) => [
      ...(project.leaderUserId ? [project.leaderUserId] : []),
      ...project.members.map(([, , userId]) => userId),
    ]);
    const now = deps.clock.now();
    await logAccess(deps.db, { ...record, kind: 'export', subjectUserIds: [...unmasked] }, now);
    await logAccess(
      deps.db,
      { ...record, kind: 'export_masked', subjectUserIds: named.filter((userId) => !unmasked.has(userId)) },
      now,
    );
    yield page.map((project) => exportRow(project, disclosure.unmasked));
  }
}

const cells = (project: ExportRow) => EXPORT_COLUMNS.map((column) => inert(column.value(project)));

/** CSV, UTF-8 with a BOM so that spreadsheet programs read the Chinese right. */
function csvStream(pages: AsyncIterable<ExportRow[]>): Readable {
  const csv = stringify({ bom: true, header: true, columns: EXPORT_COLUMNS.map((column) => column.header) });
  const source = Readable.from(
    (async function* () {
      for await (const page of pages) for (const project of page) yield cells(project);
    })(),
  );
  source.on('error', (error) => csv.destroy(error));
  return source.pipe(csv);
}

/**
 * XLSX written row by row (ExcelJS's streaming writer, loaded on the first XLSX export), never held
 * whole in memory: after each page it waits for the reader to take what was written.
 */
function xlsxStream(pages: AsyncIterable<ExportRow[]>): Readable {
  const output = new PassThrough();
  void (async () => {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: output,
      useStyles: false,
      useSharedStrings: false,
    });
    const sheet = workbook.addWorksheet('参赛作品');
    sheet.columns = EXPORT_COLUMNS.map((column) => ({ header: column.header, width: 24 }));
    for await (const page of pages) {
      for (const project of page) sheet.addRow(cells(project)).commit();
      if (output.writableNeedDrain) await once(output, 'drain');
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error))));
  return output;
}

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/**
 * The filtered list as CSV or XLSX; an unknown edition, or a reason without `personalData.view`,
 * fails here, before any byte is sent.
 */
export async function exportProjects(deps: Deps, query: Static<typeof ExportQuery>, actor: Actor) {
  const { format, reason, ...filters } = query;
  if (reason !== undefined) await assertPersonalDataRight(deps.db, actor);
  const disclosure: Disclosure = {
    actor,
    unmasked: reason !== undefined,
    resource: `projects/export/${randomUUID()}`,
    reason: reason ?? '',
  };
  const pages = exportPages(deps, filters);
  const first = await pages.next(); // resolves the edition
  async function* all() {
    if (!first.done) yield first.value;
    yield* pages;
  }
  const rows = exportRows(deps, all(), disclosure);
  return {
    fileName: `projects.${format}`,
    contentType: CONTENT_TYPES[format],
    body: format === 'csv' ? csvStream(rows) : xlsxStream(rows),
  };
}
