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
  password_reset: {
    'zh-CN': {
      subject: '重置赛事平台密码',
      paragraphs: [
        '请打开以下链接设置新密码，链接 {minutes} 分钟内有效，只能使用一次：',
        '{publicUrl}/set-password?token={token}',
        '如果您没有申请重置密码，请忽略此邮件，您的密码不会改变。',
      ],
    },
    en: {
      subject: 'Reset your Saishi password',
      paragraphs: [
        'Open this link to choose a new password. It works once, for {minutes} minutes:',
        '{publicUrl}/set-password?token={token}',
        'If you did not ask for this, ignore this message: your password stays as it is.',
      ],
    },
  },
  contact_changed: {
    'zh-CN': {
      subject: '您的赛事平台登录方式已更改',
      paragraphs: [
        '您账号的登录邮箱或手机号已更改为 {newContact}，此地址今后不再用于登录和接收通知。',
        '如果这不是您本人的操作，请立即联系竞赛组织单位，并通过新地址重置密码。',
      ],
    },
    en: {
      subject: 'Your Saishi login was changed',
      paragraphs: [
        'The e-mail or mobile you log in with was changed to {newContact}. This address no longer logs in or receives notices.',
        'If you did not make this change, contact the organizers at once and reset your password through the new address.',
      ],
    },
  },
  expert_invitation: {
    'zh-CN': {
      subject: '邀请您担任大赛评审专家',
      paragraphs: [
        '{name}，您好：',
        '大赛组委会邀请您担任评审专家。请打开以下链接设置登录密码，链接 {days} 天内有效，只能使用一次：',
        '{publicUrl}/set-password?token={token}',
        '设置后请使用本邮箱 {email} 登录。',
      ],
    },
    en: {
      subject: 'You are invited to review for the competition',
      paragraphs: [
        'Dear {name},',
        'The organizers invite you to be an expert reviewer. Open this link to choose your password. It works once, for {days} days:',
        '{publicUrl}/set-password?token={token}',
        'Then log in with this e-mail address, {email}.',
      ],
    },
  },
  qualification_approved: {
    'zh-CN': {
      subject: '资格审核通过：{team}',
      paragraphs: ['您的团队“{team}”（{edition}）已通过资格审核，现在可以提交作品。'],
    },
    en: {
      subject: 'Qualified: {team}',
      paragraphs: ['Your team "{team}" ({edition}) passed the qualification review: you may now submit your project.'],
    },
  },
  qualification_returned: {
    'zh-CN': {
      subject: '资格审核退回修改：{team}',
      paragraphs: ['您的团队“{team}”（{edition}）被退回修改，原因：', '{reason}', '请修改后重新提交资格审核。'],
    },
    en: {
      subject: 'Returned for changes: {team}',
      paragraphs: [
        'Your team "{team}" ({edition}) was returned for changes. The reason:',
        '{reason}',
        'Make the changes and submit it for review again.',
      ],
    },
  },
  qualification_rejected: {
    'zh-CN': {
      subject: '资格审核未通过：{team}',
      paragraphs: ['很遗憾，您的团队“{team}”（{edition}）未通过资格审核，原因：', '{reason}'],
    },
    en: {
      subject: 'Not qualified: {team}',
      paragraphs: [
        'We are sorry: your team "{team}" ({edition}) did not pass the qualification review. The reason:',
        '{reason}',
      ],
    },
  },
  team_flagged: {
    'zh-CN': {
      subject: '团队待核查：{team}',
      paragraphs: [
        '您的团队“{team}”（{edition}）的参赛单位与失信名单中的记录相符，团队暂停参加评审和评奖，待组委会核查。',
        '如有异议，请联系组委会并提供相关证明材料。',
      ],
    },
    en: {
      subject: 'Team under review: {team}',
      paragraphs: [
        'A unit of your team "{team}" ({edition}) matches an entry of a list of untrustworthy entities: the team is held out of review and awards until the organizers have checked it.',
        'If this is a mistake, contact the organizers with your evidence.',
      ],
    },
  },
  project_submitted: {
    'zh-CN': {
      subject: '作品提交回执：{project} 第 {version} 版',
      paragraphs: [
        '作品“{project}”（团队“{team}”）第 {version} 版已于 {submittedAt} 提交成功。',
        '本版文件及其 SHA-256 摘要：',
        '{files}',
        '请保存本回执，摘要可用于核对评审所用文件与您提交的文件一致。',
      ],
    },
    en: {
      subject: 'Submission receipt: {project}, version {version}',
      paragraphs: [
        'Version {version} of "{project}" (team "{team}") was submitted at {submittedAt}.',
        'Its files and their SHA-256 digests:',
        '{files}',
        'Keep this receipt: the digests prove which files the reviewers see.',
      ],
    },
  },
  collection_reminder: {
    'zh-CN': {
      subject: '作品征集将于 {days} 天后截止：{team}',
      paragraphs: [
        '{edition}的作品征集将于 {deadline} 截止，您的团队“{team}”尚未提交作品。',
        '请在截止前登录平台提交，逾期将无法提交。',
      ],
    },
    en: {
      subject: 'Submissions close soon: {team}',
      paragraphs: [
        'Submissions to {edition} close at {deadline}, and your team "{team}" has not submitted a project yet.',
        'Log in and submit before then: late submissions are not accepted.',
      ],
    },
  },
  team_invitation: {
    'zh-CN': {
      subject: '{inviter} 邀请您加入团队：{team}',
      paragraphs: [
        '{inviter} 邀请您加入“{edition}”参赛团队“{team}”。',
        '请登录平台后打开以下链接加入团队，或在“加入团队”中输入邀请码 {code}：',
        '{publicUrl}/join?code={code}',
        '如果您不认识邀请人，请忽略此邮件。',
      ],
    },
    en: {
      subject: '{inviter} invites you to join the team {team}',
      paragraphs: [
        '{inviter} invites you to join the team "{team}" of {edition}.',
        'Log in, then open this link to join, or enter the invite code {code} under "Join a team":',
        '{publicUrl}/join?code={code}',
        'If you do not know who sent this, ignore this message.',
      ],
    },
  },
  review_assigned: {
    'zh-CN': {
      subject: '新的评审任务：{round}',
      paragraphs: ['{edition}{round}为您分配了 {count} 件作品，请登录平台评审。'],
    },
    en: {
      subject: 'Projects to review: {round}',
      paragraphs: ['The {round} round of {edition} gave you {count} projects to review: log in to score them.'],
    },
  },
  review_reminder: {
    'zh-CN': {
      subject: '评审将于 {days} 天后截止：{round}',
      paragraphs: [
        '{edition}{round}评审将于 {deadline} 截止，您还有 {count} 件作品尚未提交评分。',
        '请在截止前登录平台完成评审。',
      ],
    },
    en: {
      subject: 'Reviews due in {days} days: {round}',
      paragraphs: [
        'The {round} round of {edition} closes at {deadline}, and {count} of your projects are not scored yet.',
        'Log in and submit your scores before then.',
      ],
    },
  },
  round_results: {
    'zh-CN': {
      subject: '{round}结果：{project}',
      paragraphs: ['{edition}{round}的结果已公布，作品“{project}”：{outcome}。', '请登录平台查看详情。'],
    },
    en: {
      subject: 'Results of the {round} round: {project}',
      paragraphs: [
        'The results of the {round} round of {edition} are out. "{project}": {outcome}.',
        'Log in to see more.',
      ],
    },
  },
  awards_published: {
    'zh-CN': {
      subject: '获奖结果已公布：{edition}',
      paragraphs: ['{edition}获奖结果已公布。作品“{project}”：{award}。'],
    },
    en: {
      subject: 'Awards published: {edition}',
      paragraphs: ['The awards of {edition} are published. "{project}": {award}.'],
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

/** Fills `{name}` from the params; in English, a twin `{nameEn}` param wins (names that are data, like 初赛). */
const fill = (text: string, params: TemplateParams, locale: Locale = 'zh-CN') =>
  text.replace(
    /\{(\w+)\}/g,
    (placeholder, name: string) => (locale === 'en' ? params[`${name}En`] : undefined) ?? params[name] ?? placeholder,
  );

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** Links become clickable in the HTML part; everything else is escaped text. */
const htmlParagraph = (text: string) =>
  `<p>${escapeHtml(text)
    .replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`)
    .replaceAll('\n', '<br>')}</p>`;

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
  const paragraphs = template.paragraphs.map((paragraph) => fill(paragraph, params, locale));
  const closing = [footer.sender];
  if (unsubscribeUrl && !isEssential(kind)) closing.push(fill(footer.unsubscribe, { url: unsubscribeUrl }));
  return {
    subject: fill(template.subject, params, locale),
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
