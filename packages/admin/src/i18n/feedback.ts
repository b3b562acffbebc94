/**
 * 向团队反馈评审结果的文字（评审分配界面中已结束轮次的面板）。
 * The texts of the panel where organizers publish a closed round's feedback to teams; en mirrors zh (checked by the type).
 */
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const feedbackZh = {
  tab: '团队反馈',
  intro: '轮次结束且结果确定后（初赛已确定晋级、决赛已发布奖项），选择团队能看到什么。发布前团队看不到任何评审内容。',
  visibility: '团队可见内容',
  visibilities: {
    status: '仅结果（是否晋级/获奖）',
    scores: '结果、排名与各位专家的分数（专家匿名编号）',
    comments: '另加专家评语（匿名）',
  },
  publish: '发布反馈',
  publishTitle: '向团队发布{round}反馈',
  confirmPublish:
    '本轮 {n} 个作品的团队成员都会收到结果通知，并能在平台上看到：{visibility}。发布只能进行一次，之后只能在说明理由后调整可见内容。',
  published: '已向 {n} 个作品的团队发布反馈',
  publishedAt: '发布于 {at}，涉及 {n} 个作品',
  current: '当前可见内容：{visibility}',
  change: '调整可见内容',
  changeTitle: '调整团队可见内容',
  confirmChange: '团队可见内容将从“{from}”改为“{to}”，立即生效，并连同理由记入存证。',
  reason: '调整理由（记入存证）',
  changed: '团队可见内容已改为：{visibility}',
  unchanged: '请选择与当前不同的可见内容',
};

export const feedbackEn: Shape<typeof feedbackZh> = {
  tab: 'Feedback to teams',
  intro:
    'Once the round is closed and its outcome decided (the preliminary’s advancement, the final’s awards published), choose what teams may see. Before that, teams see nothing of the review.',
  visibility: 'What teams see',
  visibilities: {
    status: 'The outcome only (advanced / awarded or not)',
    scores: 'Also the result, rank and each expert’s scores (experts numbered, not named)',
    comments: 'Also the experts’ comments (anonymized)',
  },
  publish: 'Publish the feedback',
  publishTitle: 'Publish the {round} feedback to teams',
  confirmPublish:
    'The members of the teams of the round’s {n} projects are told their outcome and may read: {visibility}. Publishing happens once; afterwards only what teams see can be changed, with a reason.',
  published: 'Feedback published to the teams of {n} projects',
  publishedAt: 'Published {at}, {n} projects',
  current: 'Teams now see: {visibility}',
  change: 'Change what teams see',
  changeTitle: 'Change what teams see',
  confirmChange: 'What teams see changes from “{from}” to “{to}” at once, recorded in the ledger with the reason.',
  reason: 'Reason (recorded in the ledger)',
  changed: 'Teams now see: {visibility}',
  unchanged: 'Choose a visibility other than the current one',
};
