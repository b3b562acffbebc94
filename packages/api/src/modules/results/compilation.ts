import { existsSync } from 'node:fs';
import { DomainError } from '../../lib/errors.js';
import type { PublishedResult } from './service.js';

/** 成果汇编 as a spreadsheet. */
export async function resultsWorkbook(results: readonly PublishedResult[], title: string): Promise<Buffer> {
  // ExcelJS and PDFKit load on the first compilation asked for, not at every start of the API.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('成果汇编');
  sheet.columns = [
    { header: '序号', key: 'index', width: 6 },
    { header: '项目名称', key: 'title', width: 36 },
    { header: '赛道', key: 'track', width: 10 },
    { header: '奖项', key: 'award', width: 22 },
    { header: '等级', key: 'grade', width: 8 },
    { header: '参赛团队', key: 'team', width: 24 },
    { header: '参赛单位', key: 'units', width: 36 },
    { header: '行业领域', key: 'fields', width: 18 },
    { header: '项目简介', key: 'summary', width: 60 },
    // The codes after the labels, for sorting and machine use.
    { header: '赛道代码', key: 'trackCode', width: 12 },
    { header: '奖项代码', key: 'awardCategoryCode', width: 18 },
    { header: '等级代码', key: 'gradeCode', width: 10 },
    { header: '行业领域代码', key: 'fieldCodes', width: 24 },
  ];
  results.forEach((result, index) =>
    sheet.addRow({
      index: index + 1,
      title: result.title,
      track: result.trackName,
      award: result.awardCategoryName,
      grade: result.gradeName,
      team: result.teamName,
      units: result.units.map((unit) => unit.name).join('、'),
      fields: result.fields.map((field) => field.nameZh).join('、'),
      summary: result.summary,
      trackCode: result.trackCode,
      awardCategoryCode: result.awardCategoryCode,
      gradeCode: result.gradeCode,
      fieldCodes: result.fields.map((field) => field.code).join(';'),
    }),
  );
  sheet.getRow(1).font = { bold: true };
  workbook.title = title;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Chinese text needs a CJK font; none of the well-kept npm font packages ships a single complete
 * CJK file (they ship unicode-range subsets), so the compilation uses Noto Sans CJK from Debian's
 * `fonts-noto-cjk`. Without it the export answers 503.
 */
export const CJK_FONT_CANDIDATES = [
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
];

export function findCjkFont(candidates = CJK_FONT_CANDIDATES) {
  return candidates.find((candidate) => existsSync(candidate.path)) ?? null;
}

/** 成果汇编 as a PDF: one entry per awarded project, grouped in rank order. */
export async function resultsPdf(
  results: readonly PublishedResult[],
  title: string,
  font = findCjkFont(),
): Promise<Buffer> {
  if (!font) throw new DomainError('CJK_FONT_UNAVAILABLE', 503);
  const { default: PDFDocument } = await import('pdfkit');
  const document = new PDFDocument({ size: 'A4', margin: 56, info: { Title: title } });
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
  });
  document.registerFont('cjk', font.path, font.family);
  document.font('cjk');
  document.fontSize(20).text(title, { align: 'center' });
  document.moveDown();
  results.forEach((result, index) => {
    document.fontSize(13).text(`${index + 1}. ${result.title}`);
    document
      .fontSize(10)
      .text(`${result.trackName} · ${result.awardCategoryName} · ${result.gradeName}`)
      .text(`参赛团队：${result.teamName}`)
      .text(`参赛单位：${result.units.map((unit) => unit.name).join('、') || '—'}`)
      .text(`行业领域：${result.fields.map((field) => field.nameZh).join('、') || '—'}`);
    if (result.summary) document.text(result.summary);
    document.moveDown();
  });
  document.end();
  return finished;
}
