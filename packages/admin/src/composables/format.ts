import { useI18n } from 'vue-i18n';
import { useEditionStore } from '../stores/edition';
import { formatInZone } from '../utils/format';

/** Formats instants in the current edition's time zone and the UI language. */
export function useFormat() {
  const { locale } = useI18n();
  const store = useEditionStore();
  const fmt = (iso: string | null | undefined) =>
    formatInZone(iso, store.edition?.timeZone ?? 'Asia/Shanghai', locale.value);
  return { fmt };
}
