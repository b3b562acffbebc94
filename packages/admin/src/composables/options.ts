import { CATEGORY_CODES, GRADE_CODES, QUALIFICATION_STATUSES, ROLES, TRACK_CODES, UNIT_TYPES } from '@saishi/shared';
import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { useEditionStore } from '../stores/edition';
import { nameOf } from '../utils/format';

export interface Option<Value extends string = string> {
  value: Value;
  label: string;
}

/** The 信用中国 lists (R-SOC-3). */
export const LIST_KINDS = ['dishonest_debtor', 'major_tax_violation', 'procurement_dishonesty'] as const;
/** An expert's affiliation: a unit type, an investment institution or other. */
export const AFFILIATION_TYPES = [...UNIT_TYPES, 'investment_institution', 'other'] as const;
export const PROJECT_STATUSES = ['draft', 'submitted'] as const;

/**
 * The option lists of the selects and filters, each from the one source of its enumeration (the
 * shared constants, or the edition's reference data), named in the UI language.
 */
export function useOptions() {
  const { t, locale } = useI18n();
  const store = useEditionStore();
  const coded = <Value extends string>(codes: readonly Value[], key: string) =>
    computed<Option<Value>[]>(() => codes.map((value) => ({ value, label: t(`${key}.${value}`) })));

  return {
    tracks: coded(TRACK_CODES, 'teams.tracks'),
    categories: coded(CATEGORY_CODES, 'review.categories'),
    grades: coded(GRADE_CODES, 'awards.grades'),
    qualificationStatuses: coded(QUALIFICATION_STATUSES, 'teams.status'),
    projectStatuses: coded(PROJECT_STATUSES, 'projects.status'),
    roles: coded(ROLES, 'app.role'),
    unitTypes: coded(UNIT_TYPES, 'unitType'),
    affiliationTypes: coded(AFFILIATION_TYPES, 'unitType'),
    listKinds: coded(LIST_KINDS, 'blacklist.kinds'),
    directions: computed<Option[]>(() =>
      store.directions.map((direction) => ({ value: direction.code, label: nameOf(direction, locale.value) })),
    ),
    fields: computed<Option[]>(() =>
      store.fields.map((field) => ({ value: field.code, label: nameOf(field, locale.value) })),
    ),
  };
}
