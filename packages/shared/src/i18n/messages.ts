import { commonMessages } from './catalog/common.js';
import { commsMessages } from './catalog/comms.js';
import { fileMessages } from './catalog/files.js';
import { privacyMessages } from './catalog/privacy.js';
import { projectMessages } from './catalog/projects.js';
import { teamsMessages } from './catalog/teams.js';
import { reviewMessages } from './catalog/review.js';
import { stepMessages } from './catalog/steps.js';
import { webhookMessages } from './catalog/webhooks.js';
import type { LocalizedMessage } from './catalog/types.js';
import { FIELD_ID_LABELS } from './field-labels.js';
import {
  AWARD_CATEGORY_LABELS,
  BLACKLIST_KIND_LABELS,
  CATEGORY_LABELS,
  CERTIFIED_TABLE_LABELS,
  CONFLICT_KIND_LABELS,
  CONSENT_SCOPE_LABELS,
  DIRECTION_LABELS,
  GRADE_LABELS,
  LEDGER_BREAK_REASON_LABELS,
  ROLE_LABELS,
  ROUND_KIND_LABELS,
  SPREAD_RESOLUTION_LABELS,
  STAGE_LABELS,
  TRACK_LABELS,
} from './labels.js';

export type { LocalizedMessage, MessageCatalog } from './catalog/types.js';
export { statusTitle, statusTitles } from './catalog/status-titles.js';

/**
 * Every error code the platform can return, with its zh-CN and English message.
 * Each domain keeps its own catalog file under ./catalog and adds it here.
 */
export const messages = {
  ...commonMessages,
  ...fileMessages,
  ...projectMessages,
  ...teamsMessages,
  ...reviewMessages,
  ...commsMessages,
  ...stepMessages,
  ...privacyMessages,
  ...webhookMessages,
} satisfies Record<string, LocalizedMessage>;

export type ErrorCode = keyof typeof messages;
/** Every error code, in catalog order: the enumeration of a problem's `code` in the OpenAPI document. */
export const ERROR_CODES = Object.keys(messages) as ErrorCode[];
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Picks zh-CN unless the client prefers English (Chinese first, English second). */
export function negotiateLocale(acceptLanguage: string | undefined | null): Locale {
  if (!acceptLanguage) return 'zh-CN';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...attrs] = part.trim().split(';');
      const q = attrs.map((a) => a.trim()).find((a) => a.startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

/** Params holding a code of an enumeration, shown by its name (`preliminary` → 初赛评审). */
const CODED_PARAMS: Record<string, Record<string, LocalizedMessage>> = {
  stage: { ...STAGE_LABELS, none: { 'zh-CN': '无', en: 'none' } },
  previous: STAGE_LABELS,
  track: TRACK_LABELS,
  category: CATEGORY_LABELS,
  awardCategory: AWARD_CATEGORY_LABELS,
  grade: GRADE_LABELS,
  role: ROLE_LABELS,
  consent: CONSENT_SCOPE_LABELS,
  direction: DIRECTION_LABELS,
  table: CERTIFIED_TABLE_LABELS,
  breakReason: LEDGER_BREAK_REASON_LABELS,
  resolution: SPREAD_RESOLUTION_LABELS,
  kind: { ...ROUND_KIND_LABELS, ...BLACKLIST_KIND_LABELS, ...CONFLICT_KIND_LABELS },
  /** A request property by its label (`summary` → 简介). */
  property: FIELD_ID_LABELS,
};

function paramText(params: Record<string, string | number>, name: string, locale: Locale): string {
  // A param may carry its English form as a twin `<name>En` (names that are data, like criteria).
  const twin = params[`${name}En`];
  if (locale === 'en' && twin !== undefined) return String(twin);
  const value = String(params[name]);
  return CODED_PARAMS[name]?.[value]?.[locale] ?? value;
}

/** The message for a code in a locale, with `{param}` placeholders filled, codes of enumerations named. */
export function formatMessage(code: ErrorCode, locale: Locale, params: Record<string, string | number> = {}): string {
  const template = messages[code][locale];
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? paramText(params, name, locale) : match,
  );
}
