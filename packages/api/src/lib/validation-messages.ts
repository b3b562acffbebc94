import { FIELD_ID_LABELS, type Locale } from '@saishi/shared';

/** One schema violation as ajv reports it (ajv-i18n may have put its message in Chinese). */
export interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** What a validation problem says of one input: where, what is wrong, how to fix it. */
export interface ValidationFieldError {
  path: string;
  message: string;
  code: 'VALIDATION_FAILED';
  label?: string;
  allowedValues?: (string | number | boolean | null)[];
  limit?: number;
  property?: string;
}

type Words = (values: { label: string; limit: number; values: string; property: string }) => string;

/**
 * What is wrong with a field and how to fix it, per schema keyword, in each language. The label is
 * the field's name in the request language (`fieldLabel`), or the property name when it has none.
 */
const WORDS: Record<string, Record<Locale, Words>> = {
  required: { 'zh-CN': (v) => `${v.label}必填`, en: (v) => `${v.label} is required` },
  additionalProperties: {
    'zh-CN': (v) => `不认识的字段“${v.property}”，请删除它或检查拼写`,
    en: (v) => `Unknown field "${v.property}": remove it or check its spelling`,
  },
  enum: {
    'zh-CN': (v) => `${v.label}不是可选的值（可选：${v.values}）`,
    en: (v) => `${v.label} is not one of the allowed values (allowed: ${v.values})`,
  },
  const: {
    'zh-CN': (v) => `${v.label}不是可选的值（可选：${v.values}）`,
    en: (v) => `${v.label} is not one of the allowed values (allowed: ${v.values})`,
  },
  minimum: { 'zh-CN': (v) => `${v.label}不能小于 ${v.limit}`, en: (v) => `${v.label} must be at least ${v.limit}` },
  maximum: { 'zh-CN': (v) => `${v.label}不能大于 ${v.limit}`, en: (v) => `${v.label} must be at most ${v.limit}` },
  exclusiveMinimum: {
    'zh-CN': (v) => `${v.label}必须大于 ${v.limit}`,
    en: (v) => `${v.label} must be greater than ${v.limit}`,
  },
  exclusiveMaximum: {
    'zh-CN': (v) => `${v.label}必须小于 ${v.limit}`,
    en: (v) => `${v.label} must be less than ${v.limit}`,
  },
  minLength: {
    'zh-CN': (v) => `${v.label}至少 ${v.limit} 个字符`,
    en: (v) => `${v.label} must have at least ${v.limit} characters`,
  },
  maxLength: {
    'zh-CN': (v) => `${v.label}最多 ${v.limit} 个字符`,
    en: (v) => `${v.label} must have at most ${v.limit} characters`,
  },
  minItems: {
    'zh-CN': (v) => `${v.label}至少 ${v.limit} 项`,
    en: (v) => `${v.label} must have at least ${v.limit} items`,
  },
  maxItems: {
    'zh-CN': (v) => `${v.label}最多 ${v.limit} 项`,
    en: (v) => `${v.label} must have at most ${v.limit} items`,
  },
  minProperties: {
    'zh-CN': (v) => `${v.label}至少要有 ${v.limit} 个字段`,
    en: (v) => `${v.label} must have at least ${v.limit} fields`,
  },
  format: { 'zh-CN': (v) => `${v.label}格式不正确`, en: (v) => `${v.label} is not in a valid format` },
  pattern: { 'zh-CN': (v) => `${v.label}格式不正确`, en: (v) => `${v.label} is not in a valid format` },
  type: { 'zh-CN': (v) => `${v.label}类型不正确`, en: (v) => `${v.label} has the wrong type` },
  anyOf: { 'zh-CN': (v) => `${v.label}不符合要求`, en: (v) => `${v.label} is not valid` },
  oneOf: { 'zh-CN': (v) => `${v.label}不符合要求`, en: (v) => `${v.label} is not valid` },
};

/** Keywords whose `params.limit` is the bound the value broke. */
const BOUNDS = new Set([
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minProperties',
]);

const isNamed = (field: string | undefined): field is string => field !== undefined && !/^\d+$/.test(field);

/**
 * Describes one ajv error as a field error that says how to fix the request: the JSON pointer of
 * the input (a missing or unknown property named in it), the field's label in the request
 * language, the allowed values of an enumeration, the bound of a minimum or maximum, and the
 * unknown property's name.
 */
export function describeAjvError(ajvError: AjvError, context: string, locale: Locale): ValidationFieldError {
  const { keyword, params } = ajvError;
  const named = params.missingProperty ?? params.additionalProperty;
  const path = `/${context}${ajvError.instancePath}${typeof named === 'string' ? `/${named}` : ''}`;
  const field = path.split('/').filter(Boolean).at(-1);
  const known = isNamed(field) ? FIELD_ID_LABELS[field]?.[locale] : undefined;
  const label =
    known ??
    (isNamed(field) ? (locale === 'en' ? `"${field}"` : `“${field}”`) : locale === 'en' ? 'This item' : '该项');
  const allowedValues =
    keyword === 'enum'
      ? (params.allowedValues as ValidationFieldError['allowedValues'])
      : keyword === 'const'
        ? [params.allowedValue as string]
        : undefined;
  const limit = BOUNDS.has(keyword) && typeof params.limit === 'number' ? params.limit : undefined;
  const property = typeof named === 'string' ? named : undefined;
  const words = WORDS[keyword]?.[locale];
  const values = (allowedValues ?? []).map(String).join(locale === 'en' ? ', ' : '、');
  const message = words
    ? words({ label, limit: limit ?? 0, values, property: property ?? '' })
    : `${label}${locale === 'en' ? ' ' : ''}${ajvError.message ?? ''}`.trim();
  return {
    path,
    message,
    code: 'VALIDATION_FAILED',
    ...(known ? { label: known } : {}),
    ...(allowedValues ? { allowedValues } : {}),
    ...(limit !== undefined ? { limit } : {}),
    ...(property ? { property } : {}),
  };
}
