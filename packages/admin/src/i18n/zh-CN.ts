/** 界面文字（中文，默认）。键与 en.ts 一一对应。 */
export const zhCN = {
  app: { title: '赛事管理平台', subtitle: '“数据要素×”大赛', language: 'English', logout: '退出登录', role: { admin: '组织者', expert: '评审专家', participant: '参赛者' } },
  common: {
    loaded: '已加载 {n} 条', required: '必填', save: '保存', cancel: '取消', confirm: '确定', edit: '编辑', delete: '删除', add: '新增', search: '搜索', reset: '重置',
    actions: '操作', loading: '加载中…', loadMore: '加载更多', noData: '暂无数据', saved: '已保存', deleted: '已删除',
    yes: '是', no: '否', refresh: '刷新', networkError: '无法连接服务器：{detail}', unsavedKept: '保存失败，您的修改仍保留在表单中。',
    confirmDelete: '确定删除“{name}”吗？', total: '共 {n} 条', all: '全部', status: '状态', detail: '详情', reason: '原因',
  },
  login: {
    title: '登录', email: '邮箱或手机号', password: '密码', submit: '登录', demo: "演示账号：admin{'@'}saishi.demo / Saishi{'@'}2024（组织者），expert{'@'}saishi.demo / Saishi{'@'}2024（专家）",
    emailRequired: '请输入邮箱', passwordRequired: '请输入密码', welcome: '欢迎，{name}',
  },
  nav: {
    dashboard: '工作台', settings: '赛事设置', units: '参赛单位', qualification: '资格审核', projects: '作品管理', experts: '评审专家',
    assignment: '评审分配', scores: '成绩排名', advancement: '晋级', awards: '奖项', publish: '发布', ledger: '存证校验',
    users: '账号管理',
    myAssignments: '我的评审任务',
  },
  dashboard: {
    totals: '作品 {projects} 个（已提交 {submitted}，草稿 {drafts}）', scopeSubmitted: '仅已提交', scopeAll: '含草稿', edition: '当前赛事', currentStage: '当前阶段', nextStage: '下一阶段', betweenStages: '阶段间隔', timeline: '赛程', timeZone: '时区',
    tracks: '赛道', directions: '方向', fields: '行业领域', topics: '赛题', stats: '统计', byTrack: '按赛道', byDirection: '按方向',
    byField: '按行业领域', byUnitType: '按单位类型', perDay: '每日提交', topicsPerField: '各领域赛题数', now: '当前时间', open: '进行中', closed: '未开放',
  },
  settings: {
    stages: '赛程阶段', topics: '赛题', awards: '奖项类别', stage: '阶段', startsAt: '开始时间', endsAt: '结束时间', openEnded: '不设结束',
    editStage: '修改阶段时间', stageSaved: '阶段时间已更新', field: '行业领域', title: '标题', description: '说明', isExample: '示例赛题',
    sortOrder: '排序', addTopic: '新增赛题', editTopic: '编辑赛题', topicSaved: '赛题已保存', grades: '奖项等级', rank: '名次', category: '类别',
    checkFailed: '校验未通过：{detail}',
  },
  experts: {
    invite: '邀请专家', name: '姓名', affiliation: '单位/高校', affiliationType: '单位类型', creditCode: '统一社会信用代码', title: '职称',
    conflicts: '回避', declare: '申报回避', conflictDeclared: '回避已登记', kind: '类型', subject: '对象', subjectId: '对象编号', declaredAt: '登记时间',
    kinds: { unit: '单位', team: '团队', project: '作品' },
  },
  unitType: { individual: '个人', enterprise: '企业', public_institution: '事业单位', research_institute: '科研院所', university: '高校', investment_institution: '投资机构', other: '其他' },
  ledger: {
    verify: '校验存证链', valid: '存证链完整', broken: '存证链断裂', entries: '已校验条目', headHash: '链头哈希', firstBroken: '首个断点',
    seq: '序号', action: '操作', subject: '对象', actor: '操作人', at: '时间', payload: '内容', hash: '哈希',
  },
  users: { search: '姓名、邮箱或手机号', role: '角色', email: '邮箱', mobile: '手机号', createdAt: '注册时间', active: '启用', disabled: '停用', confirmDisable: '停用“{name}”的账号？其登录将被撤销。' },
  teams: {
    name: '团队', track: '赛道', tracks: { society: '社会赛道', university: '高校赛道' }, entrant: '参赛主体', pledge: '承诺', letter: '参赛承诺书', download: '下载',
    flagged: '黑名单预警', flaggedOnly: '仅看预警', units: '参赛单位', unitName: '单位名称', lead: '牵头', blacklisted: '列入名单', members: '成员', role: '角色',
    roles: { leader: '队长', member: '队员', advisor: '指导老师' }, studentNumber: '学号', studentId: '学生证', missing: '尚缺材料', decide: '审核',
    decideN: '审核 {n} 个团队', decision: '结论', decisions: { approve: '通过', reject: '不通过', return: '退回修改' }, reasonRequired: '不通过或退回时必须填写原因',
    history: '审核记录', notes: '备注', addNote: '添加备注', search: '团队名称', bulk: '批量审核（{n}）', bulkOutcome: '{n} 个中 {ok} 个已处理', leadUnit: '牵头单位', updatedAt: '更新时间',
    status: { draft: '草稿', submitted: '待审核', approved: '已通过', rejected: '未通过', returned: '已退回' },
  },
  review: {
    kinds: { preliminary: '初赛', final: '决赛' }, status: { draft: '草稿', open: '评审中', closed: '已结束' }, noRound: '尚未创建该轮评审',
    createRound: '创建评审轮次', expertsPerProject: '每个作品专家数', normalize: '按专家标准化', openedAt: '开始于', open: '开启评审', close: '结束评审',
    confirmClose: '结束本轮评审？结束后不能再提交评分。', autoAssign: '自动分配', autoDone: '已分配 {n} 条', autoSummary: '新增 {created} 条分配，覆盖 {projects} 个作品、{experts} 位专家',
    missing: '缺 {n} 位专家', assignments: '分配', projects: '作品（{n}）', rubrics: '评分细则', advancedWith: '初赛成绩', project: '作品', expert: '专家',
    source: '来源', sources: { auto: '自动', manual: '手动' }, score: '评分', scoreStatus: { draft: '草稿', submitted: '已提交' }, remove: '移除',
    removeReason: '请填写移除原因', addAssignment: '手动分配', code: '代码', nameZh: '中文名称', nameEn: '英文名称', weight: '权重', maxScore: '满分',
    weightTotal: '权重合计 {n}', normalized: '标准化', noScores: '暂无已提交的评分', categories: { modeling: '数据建模', data_product: '数据产品', public_component: '公共组件' },
    result: '成绩', median: '中位数', count: '评分数', kept: '计入分数', trimmed: '去掉最高最低', topK: '每组前 K 名', threshold: '分数线', advance: '晋级决赛',
    advanceNeedsClosed: '初赛结束后才能晋级', advancedN: '{n} 个作品晋级决赛',
  },
  awards: {
    quotas: '获奖名额', category: '奖项', categories: { modeling_award: '数据建模奖', product_award: '数据产品奖', component_award: '公共组件奖' },
    grades: { first: '一等奖', second: '二等奖', third: '三等奖', honorable: '优秀奖' }, grade: '等级', allocate: '按决赛排名分配奖项', allocated: '已分配 {n} 个奖项',
    list: '获奖名单（{n}）', publish: '发布结果', confirmPublish: '发布后结果将在公开成果库中展示，确定发布？', published: '结果已发布', publishedAt: '已于 {at} 发布',
    notPublished: '未发布', publicResults: '查看公开成果库', shortlist: '国赛推荐', eligible: '可推荐（{n}）', excluded: '不可推荐（{n}）',
  },
  projects: {
    status: { draft: '草稿', submitted: '已提交' }, lastSubmitted: '最近提交', dataSources: '数据来源', files: '附件', versions: '版本记录', submittedAt: '提交时间',
    compare: '比较版本', noChanges: '两个版本没有差异', field: '字段', fileName: '文件名', size: '大小', search: '作品、团队或单位名称', exportCsv: '导出 CSV', exportXlsx: '导出 Excel',
    fileKinds: { proposal: '申报书', slides: '演示文稿', video: '视频', proof: '证明材料' },
  },
  expert: { assignments: '我的评审任务', none: '暂无分配给您的作品', round: '轮次', notScored: '未评分', declareConflict: '申报回避', blind: '盲评：作品不显示团队、成员与单位信息。', version: '版本', summary: '作品简介', criterionComment: '该项评语（可选）', comment: '总体评语', saveDraft: '保存草稿', submit: '提交评分', draftSaved: '草稿已保存', submitted: '评分已提交', confirmSubmit: '提交后不能修改（总分 {total}），确定提交？', leaveUnsaved: '有未保存的评分，确定离开？', submittedNote: '评分已提交；如需修改请联系组织者。' },
} as const;
