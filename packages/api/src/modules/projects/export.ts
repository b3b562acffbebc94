import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { Static } from 'typebox';
import type { Deps } from '../../lib/deps.js';
import { eachProject, type ListedProject } from './listing.js';
import type { ExportQuery } from './schemas.js';

// The organizers' list as a spreadsheet, streamed a batch of projects at a time.

/** Spreadsheet programs run a cell starting with = + - @ as a formula: such text gets a leading apostrophe. */
const inert = (value: string | number) =>
  typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;

/** The export's columns, in order: header (Chinese, for the organizers' spreadsheet) and value. */
const EXPORT_COLUMNS: { header: string; value: (project: ListedProject) => string | number }[] = [
  { header: '作品编号', value: (p) => p.id },
  { header: '作品名称', value: (p) => p.title },
  { header: '团队', value: (p) => p.teamName },
  { header: '牵头单位', value: (p) => p.leadUnitName ?? '' },
  { header: '单位类型', value: (p) => p.leadUnitType ?? 'individual' },
  { header: '赛道', value: (p) => p.track },
  { header: '参赛方向', value: (p) => p.direction },
  { header: '类别', value: (p) => p.category },
  { header: '组件类型', value: (p) => p.publicComponentKind ?? '' },
  { header: '行业领域', value: (p) => p.fieldCodes.join('; ') },
  { header: '赛题', value: (p) => p.topics.map((topic) => topic.title).join('; ') },
  { header: '资格审核', value: (p) => p.qualificationStatus },
  { header: '状态', value: (p) => p.status },
  { header: '最新版本', value: (p) => p.latestVersion },
  { header: '首次提交', value: (p) => p.firstSubmittedAt ?? '' },
  { header: '最近提交', value: (p) => p.lastSubmittedAt ?? '' },
];

const cells = (project: ListedProject) => EXPORT_COLUMNS.map((column) => inert(column.value(project)));

/** CSV, UTF-8 with a BOM so that spreadsheet programs read the Chinese right. */
function csvStream(projects: AsyncIterable<ListedProject>): Readable {
  const csv = stringify({ bom: true, header: true, columns: EXPORT_COLUMNS.map((column) => column.header) });
  const source = Readable.from(
    (async function* () {
      for await (const project of projects) yield cells(project);
    })(),
  );
  source.on('error', (error) => csv.destroy(error));
  return source.pipe(csv);
}

/** XLSX written row by row (ExcelJS's streaming writer), never held whole in memory. */
function xlsxStream(projects: AsyncIterable<ListedProject>): Readable {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('参赛作品');
  sheet.columns = EXPORT_COLUMNS.map((column) => ({ header: column.header, width: 24 }));
  void (async () => {
    for await (const project of projects) sheet.addRow(cells(project)).commit();
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error))));
  return output;
}

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** The filtered list as CSV or XLSX; an unknown edition fails here, before any byte is sent. */
export async function exportProjects(deps: Deps, query: Static<typeof ExportQuery>) {
  const { format, ...filters } = query;
  const rows = eachProject(deps, filters);
  const first = await rows.next(); // resolves the edition
  async function* all() {
    if (!first.done) yield first.value;
    yield* rows;
  }
  return {
    fileName: `projects.${format}`,
    contentType: CONTENT_TYPES[format],
    body: format === 'csv' ? csvStream(all()) : xlsxStream(all()),
  };
}
