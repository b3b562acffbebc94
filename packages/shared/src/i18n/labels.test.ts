import { describe, expect, it } from 'vitest';
import { AWARD_CATEGORY_CODES, FIELD_CODES, GRADE_CODES, STAGE_CODES, TRACK_CODES } from '../domain/competition.js';
import { LEDGER_ACTIONS } from '../domain/ledger.js';
import { describeConstraint, fieldLabel } from './field-labels.js';
import {
  AWARD_CATEGORY_LABELS,
  FIELD_LABELS,
  GRADE_LABELS,
  LEDGER_ACTION_LABELS,
  STAGE_LABELS,
  TRACK_LABELS,
  labelOf,
} from './labels.js';
import { formatMessage } from './messages.js';

/** What must never reach a reader: a snake_case code, a constraint name or a UUID. */
const INTERNAL = /[a-z]+_[a-z_]+|[0-9a-f]{8}-[0-9a-f]{4}-|\b[a-z]+\.[a-z]+\b/;

describe('labels', () => {
  it('names every code of the enumerations in both languages', () => {
    const tables = [
      [TRACK_CODES, TRACK_LABELS],
      [STAGE_CODES, STAGE_LABELS],
      [GRADE_CODES, GRADE_LABELS],
      [AWARD_CATEGORY_CODES, AWARD_CATEGORY_LABELS],
      [FIELD_CODES, FIELD_LABELS],
      [LEDGER_ACTIONS, LEDGER_ACTION_LABELS],
    ] as const;
    for (const [codes, labels] of tables)
      for (const code of codes) {
        expect(labelOf(labels, code, 'zh-CN'), code).toMatch(/\p{Script=Han}/u);
        expect(labelOf(labels, code, 'en'), code).not.toMatch(INTERNAL);
      }
    expect(labelOf(GRADE_LABELS, 'first', 'en')).toBe('First prize');
    expect(labelOf(TRACK_LABELS, 'unknown_code', 'en')).toBe('unknown_code');
  });

  it('names stages and criteria in messages instead of their codes', () => {
    expect(formatMessage('COLLECTION_CLOSED', 'zh-CN', { stage: 'preliminary' })).toContain('当前阶段：初赛评审');
    expect(formatMessage('STAGES_OVERLAP', 'en', { stage: 'final', previous: 'preliminary' })).toBe(
      'Stage "Final review" overlaps the previous stage "Preliminary review"',
    );
    const missing = { criterion: '落地可行性', criterionEn: 'Feasibility' };
    expect(formatMessage('SCORE_CRITERION_MISSING', 'zh-CN', missing)).toBe('缺少指标“落地可行性”的评分');
    expect(formatMessage('SCORE_CRITERION_MISSING', 'en', missing)).toBe('Criterion "Feasibility" is not scored');
  });

  it('says a constraint as a sentence, never by its name', () => {
    const reference = describeConstraint('project_topics_topic_id_topics_id_fk', 'foreign_key');
    expect(reference['zh-CN']).toBe('该赛题仍被作品使用，或所引用的赛题不存在');
    expect(describeConstraint('users_email_unique', 'unique')['zh-CN']).toBe('该邮箱已注册');
    for (const [constraint, kind] of [
      ['teams_leader_user_id_users_id_fk', 'foreign_key'],
      ['some_new_constraint', 'unique'],
      [undefined, 'foreign_key'],
    ] as const) {
      const sentence = describeConstraint(constraint, kind);
      expect(sentence['zh-CN']).not.toMatch(INTERNAL);
      expect(sentence.en).not.toMatch(INTERNAL);
    }
  });

  it('names request fields, with a generic word for unknown ones', () => {
    expect(fieldLabel('email', 'zh-CN')).toBe('邮箱');
    expect(fieldLabel('creditCode', 'en')).toBe('Unified social credit code');
    expect(fieldLabel('somethingNew', 'zh-CN')).toBe('该字段');
  });
});
