import { checkStageOrder, type RuleViolation, type StageCode } from '@saishi/shared';
import { fromZonedWallTime } from '../../../utils/format';

/** A stage as the wizard edits it: wall-clock times (`YYYY-MM-DD HH:mm:ss`) of the edition's zone. */
export interface StageDraft {
  code: StageCode;
  nameZh: string;
  nameEn: string;
  startsAt: string;
  endsAt: string | null;
}

/**
 * A wall-clock time moved by whole years, as the organizer reads it: 2024-07-15 10:00 → 2025-07-15
 * 10:00 (a 29 February becomes the 28th in a common year).
 */
export function shiftWallTime(wall: string, years: number): string {
  const year = Number(wall.slice(0, 4)) + years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const rest = wall.slice(4);
  return `${year}${!leap && rest.startsWith('-02-29') ? `-02-28${rest.slice(6)}` : rest}`;
}

/** The stages as instants, for the shared order rule (R-TIME-1) and the API. */
export function stageWindows(stages: readonly StageDraft[], timeZone: string) {
  return stages.map((stage) => ({
    code: stage.code,
    startsAt: fromZonedWallTime(stage.startsAt, timeZone),
    endsAt: stage.endsAt ? fromZonedWallTime(stage.endsAt, timeZone) : null,
  }));
}

/** What is wrong with the timeline: a missing start, or the shared stage-order rule's violations. */
export function timelineViolations(stages: readonly StageDraft[], timeZone: string): RuleViolation[] {
  const windows = stageWindows(stages, timeZone);
  const missing = windows.filter((window) => Number.isNaN(window.startsAt.getTime())).map((window) => window.code);
  if (missing.length > 0) return [{ code: 'STAGES_INCOMPLETE', params: { stages: missing.join(', ') } }];
  return checkStageOrder(windows);
}

/** An edition code the API accepts: a four-digit year, then lowercase letters, digits and dashes. */
export const EDITION_CODE = /^[0-9]{4}-[a-z0-9-]+$/;

/** The default code of the next season: the source's code with the new year, e.g. 2024-guangxi → 2025-guangxi. */
export const nextCode = (sourceCode: string, year: number) => `${year}-${sourceCode.replace(/^\d{4}-/, '')}`;

/** The default name of the next season: the source's year replaced, e.g. 2024年…广西分赛 → 2025年…广西分赛. */
export const nextName = (sourceName: string, from: number, to: number) =>
  sourceName.replaceAll(String(from), String(to));
