/**
 * The competition's fixed vocabulary, from the official notice (SPEC.md §2–§3).
 * Codes are stable English identifiers; Chinese names live beside them as data.
 */

export const TRACK_CODES = ['society', 'university'] as const;
export type TrackCode = (typeof TRACK_CODES)[number];

export const DIRECTION_CODES = ['modeling', 'product_innovation'] as const;
export type DirectionCode = (typeof DIRECTION_CODES)[number];

/** A project enters exactly one category; `modeling` is both a direction and its only category. */
export const CATEGORY_CODES = ['modeling', 'data_product', 'public_component'] as const;
export type CategoryCode = (typeof CATEGORY_CODES)[number];

export const CATEGORY_DIRECTION: Record<CategoryCode, DirectionCode> = {
  modeling: 'modeling',
  data_product: 'product_innovation',
  public_component: 'product_innovation',
};

export const PUBLIC_COMPONENT_KINDS = ['knowledge', 'tool', 'application'] as const;
export type PublicComponentKind = (typeof PUBLIC_COMPONENT_KINDS)[number];

export const AWARD_CATEGORY_CODES = ['modeling_award', 'product_award', 'component_award'] as const;
export type AwardCategoryCode = (typeof AWARD_CATEGORY_CODES)[number];

/** Which category each award category recognises. */
export const AWARD_CATEGORY_FOR: Record<AwardCategoryCode, CategoryCode> = {
  modeling_award: 'modeling',
  product_award: 'data_product',
  component_award: 'public_component',
};

export const GRADE_CODES = ['first', 'second', 'third', 'honorable'] as const;
export type GradeCode = (typeof GRADE_CODES)[number];

/** The 12 industry fields of the "数据要素×" three-year action plan, in the notice's order. */
export const FIELD_CODES = [
  'industrial_manufacturing',
  'modern_agriculture',
  'commerce_circulation',
  'transportation',
  'financial_services',
  'technology_innovation',
  'culture_tourism',
  'healthcare',
  'emergency_management',
  'meteorological_services',
  'urban_governance',
  'green_low_carbon',
] as const;
export type FieldCode = (typeof FIELD_CODES)[number];

export const STAGE_CODES = ['collection', 'preliminary', 'final', 'promotion'] as const;
export type StageCode = (typeof STAGE_CODES)[number];

/**
 * An edition's lifecycle: organizers prepare a `draft` (invisible to the public), `publish` it
 * (open to entrants and the public), and `archive` it when the season is over (read-only).
 */
export const EDITION_STATUSES = ['draft', 'published', 'archived'] as const;
export type EditionStatus = (typeof EDITION_STATUSES)[number];

/** A division (分赛) is a province or region, or the national competition grouping them (§9). */
export const DIVISION_KINDS = ['national', 'provincial'] as const;
export type DivisionKind = (typeof DIVISION_KINDS)[number];

export const ROLES = ['admin', 'expert', 'participant'] as const;
export type Role = (typeof ROLES)[number];

export const UNIT_TYPES = ['enterprise', 'public_institution', 'research_institute', 'university'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

/** An expert's affiliation: a unit type, an investment institution (often without a credit code), or other. */
export const AFFILIATION_TYPES = [...UNIT_TYPES, 'investment_institution', 'other'] as const;
export type AffiliationType = (typeof AFFILIATION_TYPES)[number];

/**
 * The 信用中国 lists a unit may be found on (R-SOC-3): 失信被执行人, 重大税收违法案件当事人,
 * 政府采购严重违法失信行为记录名单.
 */
export const BLACKLIST_LIST_KINDS = ['dishonest_debtor', 'major_tax_violation', 'procurement_dishonesty'] as const;
export type BlacklistListKind = (typeof BLACKLIST_LIST_KINDS)[number];

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
