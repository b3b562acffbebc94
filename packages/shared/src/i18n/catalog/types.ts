/** A localized message; `{name}` placeholders are filled from a violation's params. */
export interface LocalizedMessage {
  'zh-CN': string;
  en: string;
}
export type MessageCatalog = Record<string, LocalizedMessage>;
