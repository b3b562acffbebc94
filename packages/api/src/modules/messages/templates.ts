import { ESSENTIAL_NOTIFICATION_KINDS, type Locale, type NotificationKind } from '@saishi/shared';

/** What a template fills in: plain values, and secrets that are masked in the stored copy. */
export type TemplateParams = Record<string, string>;

interface Template {
  subject: string;
  /** Paragraphs of the plain text; `{name}` placeholders are filled from the params. */
  paragraphs: string[];
}

/** Each kind's message in zh-CN and en. SMS uses the provider's registered template of the kind. */
const TEMPLATES: Record<NotificationKind, Record<Locale, Template>> = {
  verification_code: {
    'zh-CN': {
      subject: '赛事平台注册验证码',
      paragraphs: ['您的注册验证码是 {code}，{minutes} 分钟内有效。', '如果这不是您本人的操作，请忽略此邮件。'],
    },
    en: {
      subject: 'Your Saishi sign-up code',
      paragraphs: [
        'Your sign-up code is {code}. It works for {minutes} minutes.',
        'If you did not sign up, ignore this message.',
      ],
    },
  },
};

const FOOTER: Record<Locale, { unsubscribe: string; sender: string }> = {
  'zh-CN': { unsubscribe: '不想再收到此类邮件？退订：{url}', sender: '“数据要素×”大赛赛事平台' },
  en: { unsubscribe: 'No more such mail? Unsubscribe: {url}', sender: 'The "Data Elements ×" competition platform' },
};

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

const fill = (text: string, params: TemplateParams) =>
  text.replace(/\{(\w+)\}/g, (placeholder, name: string) => params[name] ?? placeholder);

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** Links become clickable in the HTML part; everything else is escaped text. */
const htmlParagraph = (text: string) =>
  `<p>${escapeHtml(text).replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`)}</p>`;

/**
 * The message of a kind in a locale, as plain text and HTML. `unsubscribeUrl` adds the footer
 * link of non-essential mail.
 */
export function renderMessage(
  kind: NotificationKind,
  locale: Locale,
  params: TemplateParams,
  unsubscribeUrl?: string,
): RenderedMessage {
  const template = TEMPLATES[kind][locale];
  const footer = FOOTER[locale];
  const paragraphs = template.paragraphs.map((paragraph) => fill(paragraph, params));
  const closing = [footer.sender];
  if (unsubscribeUrl && !isEssential(kind)) closing.push(fill(footer.unsubscribe, { url: unsubscribeUrl }));
  return {
    subject: fill(template.subject, params),
    text: [...paragraphs, '--', ...closing].join('\n\n'),
    html: `<!doctype html><html lang="${locale}"><body>${paragraphs.map(htmlParagraph).join('')}<hr>${closing
      .map((line) => `<p style="color:#666;font-size:12px">${htmlParagraph(line).slice(3, -4)}</p>`)
      .join('')}</body></html>`,
  };
}

export const isEssential = (kind: NotificationKind) => ESSENTIAL_NOTIFICATION_KINDS.includes(kind);

/** Secrets shown in the stored copy and the inbox instead of their value. */
export const maskSecrets = (secrets: TemplateParams): TemplateParams =>
  Object.fromEntries(Object.keys(secrets).map((name) => [name, '••••••']));
