/**
 * 个人信息界面的文字（隐私政策、保留期限、访问记录）。
 * The texts of the personal-information screen, kept apart from the main catalogs; en mirrors zh (checked by the type).
 */
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const privacyZh = {
  notice: {
    title: '隐私政策',
    current: '现行版本：第 {version} 版，发布于 {at}',
    none: '本赛事尚未发布隐私政策，报名与上传学生证前须先发布',
    zh: '中文文本',
    en: '英文文本',
    publish: '发布新版本',
    published: '已发布第 {version} 版：所有人将被重新征求同意',
  },
  retention: {
    title: '个人信息保留期限',
    intro: '目的达成后到期删除（个人信息保护法第十九条）。留空表示一直保留。',
    studentIdImageDays: '学生证图片保留天数',
    anchor: '起算时间',
    anchors: { qualification: '资格审核决定后', results: '成果发布后' },
    departedMobileDays: '已离开参赛者手机号保留天数（赛事归档后）',
    keep: '一直保留',
    save: '保存期限',
    saved: '已保存保留期限',
    dryRun: '预演（不删除）',
    report: '按现行期限，此刻到期将删除：',
    kinds: { student_id_images: '学生证图片', departed_mobiles: '已离开参赛者的手机号' },
  },
  log: {
    title: '个人信息访问记录',
    intro: '每次查看未脱敏的联系方式、导出个人信息或本人复制数据，都记录何人、何时、何人的信息及原因。',
    at: '时间',
    actor: '访问者',
    subject: '信息主体',
    kind: '方式',
    kinds: { reveal: '查看联系方式', export: '导出（未脱敏）', export_masked: '导出（已脱敏）', copy: '本人复制' },
    resource: '资源',
    reason: '原因',
    actorFilter: '访问者 ID',
    subjectFilter: '信息主体 ID',
    none: '暂无访问记录',
  },
};

export const privacyEn: Shape<typeof privacyZh> = {
  notice: {
    title: 'Privacy notice',
    current: 'In force: version {version}, published {at}',
    none: 'This edition has not published a privacy notice: publish one before sign-up and student ID uploads',
    zh: 'Chinese text',
    en: 'English text',
    publish: 'Publish a new version',
    published: 'Version {version} published: everyone is asked to consent again',
  },
  retention: {
    title: 'Retention of personal information',
    intro: 'Deleted once the purpose is fulfilled (PIPL art. 19). Leave a period empty to keep the data.',
    studentIdImageDays: 'Days student ID images are kept',
    anchor: 'Counted from',
    anchors: { qualification: 'the qualification decision', results: 'the results’ publication' },
    departedMobileDays: 'Days departed participants’ mobiles are kept (after the edition closes)',
    keep: 'Kept',
    save: 'Save periods',
    saved: 'Retention periods saved',
    dryRun: 'Dry run (deletes nothing)',
    report: 'Under these periods, due for deletion now:',
    kinds: { student_id_images: 'Student ID images', departed_mobiles: 'Mobiles of departed participants' },
  },
  log: {
    title: 'Personal-data access log',
    intro: 'Every unmasked contact seen, personal-data export and own copy is recorded: who, when, whose and why.',
    at: 'When',
    actor: 'Who',
    subject: 'Whose',
    kind: 'How',
    kinds: {
      reveal: 'Contact revealed',
      export: 'Export (unmasked)',
      export_masked: 'Export (masked)',
      copy: 'Own copy',
    },
    resource: 'Resource',
    reason: 'Why',
    actorFilter: 'Who (user id)',
    subjectFilter: 'Whose (user id)',
    none: 'No access recorded yet',
  },
};
