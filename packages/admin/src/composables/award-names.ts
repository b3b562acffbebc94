import { computed, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { api, call } from '../api/client';
import { nameOf } from '../utils/format';

const fetchCategories = (edition: string) =>
  call(api.GET('/api/v1/editions/{edition}/award-categories', { params: { path: { edition } } }));
export type AwardCategories = Awaited<ReturnType<typeof fetchCategories>>;

/**
 * The edition's award categories and grades: their names as the edition defines them (falling back
 * to the interface's words) and which award categories each track may have (R-CAT-1).
 */
export function useAwardNames() {
  const { t, locale } = useI18n();
  const categories = ref<AwardCategories | null>(null);
  const names = computed<Record<string, { nameZh: string; nameEn: string }>>(() =>
    categories.value
      ? Object.fromEntries([
          ...categories.value.grades.map((grade) => [`grade:${grade.code}`, grade] as const),
          ...categories.value.tracks.flatMap((track) =>
            track.awardCategories.map((category) => [`category:${category.code}`, category] as const),
          ),
        ])
      : {},
  );
  const allowed = computed<Record<string, string[]>>(() =>
    Object.fromEntries(
      (categories.value?.tracks ?? []).map((track) => [
        track.trackCode,
        track.awardCategories.map((category) => category.code),
      ]),
    ),
  );
  const categoryName = (code: string) =>
    names.value[`category:${code}`]
      ? nameOf(names.value[`category:${code}`], locale.value)
      : t(`awards.categories.${code}`);
  const gradeName = (code: string) =>
    names.value[`grade:${code}`] ? nameOf(names.value[`grade:${code}`], locale.value) : t(`awards.grades.${code}`);

  async function load(edition: string): Promise<AwardCategories> {
    categories.value = await fetchCategories(edition);
    return categories.value;
  }

  return { categories, allowed, categoryName, gradeName, load };
}
