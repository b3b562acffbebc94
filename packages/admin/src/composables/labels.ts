import {
  AWARD_CATEGORY_LABELS,
  CATEGORY_LABELS,
  CERTIFIED_TABLE_LABELS,
  DIRECTION_LABELS,
  FIELD_LABELS,
  GRADE_LABELS,
  LEDGER_ACTION_LABELS,
  LEDGER_BREAK_REASON_LABELS,
  LEDGER_ROW_PROBLEM_LABELS,
  LEDGER_SUBJECT_LABELS,
  QUALIFICATION_STATUS_LABELS,
  ROUND_KIND_LABELS,
  TRACK_LABELS,
  labelOf,
  type LocalizedMessage,
} from '@saishi/shared';
import { useI18n } from 'vue-i18n';
import { formatScore } from '../utils/format';

type Locale = 'zh-CN' | 'en';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ledger payload values that are codes of an enumeration, by their key. */
const CODED_KEYS: Record<string, Record<string, LocalizedMessage>> = {
  kind: ROUND_KIND_LABELS,
  trackCode: TRACK_LABELS,
  awardCategoryCode: AWARD_CATEGORY_LABELS,
  gradeCode: GRADE_LABELS,
  from: QUALIFICATION_STATUS_LABELS,
  to: QUALIFICATION_STATUS_LABELS,
};

/** The payload keys a reader is shown, in this order; ids and nested objects are left out. */
const SHOWN_KEYS = [
  'kind',
  'trackCode',
  'awardCategoryCode',
  'gradeCode',
  'group',
  'rank',
  'result',
  'total',
  'previousTotal',
  'expertsPerProject',
  'created',
  'projects',
  'entries',
  'flaggedTeams',
  'from',
  'to',
  'awards',
  'reason',
] as const;

/** A batch's compact row list (`{ count, sha256 }`) is shown by its count. */
const batchCount = (value: unknown): number | undefined =>
  value && typeof value === 'object' && typeof (value as { count?: unknown }).count === 'number'
    ? (value as { count: number }).count
    : undefined;

/**
 * The shared names of codes in the interface's language: award grades and categories, tracks,
 * ledger actions; and a ledger entry's payload said as "label: value" pairs without ids.
 */
export function useLabels() {
  const { t, locale } = useI18n();
  const lang = (): Locale => (locale.value === 'en' ? 'en' : 'zh-CN');

  const track = (code: string | null | undefined) => labelOf(TRACK_LABELS, code, lang());
  const grade = (code: string | null | undefined) => labelOf(GRADE_LABELS, code, lang());
  const awardCategory = (code: string | null | undefined) => labelOf(AWARD_CATEGORY_LABELS, code, lang());
  const field = (code: string | null | undefined) => labelOf(FIELD_LABELS, code, lang());
  const category = (code: string | null | undefined) => labelOf(CATEGORY_LABELS, code, lang());
  const direction = (code: string | null | undefined) => labelOf(DIRECTION_LABELS, code, lang());
  const ledgerAction = (code: string) => labelOf(LEDGER_ACTION_LABELS, code, lang());
  const ledgerSubject = (code: string) => labelOf(LEDGER_SUBJECT_LABELS, code, lang());
  const ledgerBreak = (code: string) => labelOf(LEDGER_BREAK_REASON_LABELS, code, lang());
  const certifiedTable = (code: string) => labelOf(CERTIFIED_TABLE_LABELS, code, lang());
  const ledgerRowProblem = (code: string) => labelOf(LEDGER_ROW_PROBLEM_LABELS, code, lang());
  /** A ranking group, `trackCode|categoryCode` on the wire, as its track and category (社会赛道 · 数据产品). */
  const rankingGroup = (group: string) => {
    const [trackCode, categoryCode] = group.split('|');
    return categoryCode ? `${track(trackCode)} · ${category(categoryCode)}` : track(trackCode);
  };

  function payloadValue(key: string, value: string | number): string {
    if (CODED_KEYS[key]) return labelOf(CODED_KEYS[key], String(value), lang());
    if (key === 'group' && typeof value === 'string') return rankingGroup(value);
    if (typeof value === 'number') return Number.isInteger(value) ? String(value) : formatScore(value);
    if (key === 'reason' && value === 'conflict declared') return t('ledger.conflictDeclared');
    return value;
  }

  /** The readable part of a ledger payload: known keys with simple values, no UUIDs. */
  function ledgerPayload(payload: unknown): { label: string; value: string }[] {
    if (!payload || typeof payload !== 'object') return [];
    const record = payload as Record<string, unknown>;
    return SHOWN_KEYS.flatMap((key) => {
      const value = batchCount(record[key]) ?? record[key];
      if ((typeof value !== 'string' && typeof value !== 'number') || (typeof value === 'string' && UUID.test(value)))
        return [];
      return [{ label: t(`ledger.payloadKeys.${key}`), value: payloadValue(key, value) }];
    });
  }

  return {
    track,
    grade,
    awardCategory,
    field,
    category,
    direction,
    ledgerAction,
    ledgerSubject,
    ledgerBreak,
    certifiedTable,
    ledgerRowProblem,
    ledgerPayload,
    rankingGroup,
  };
}
