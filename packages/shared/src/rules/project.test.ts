import { describe, expect, it } from 'vitest';
import {
  checkLockedFields,
  checkProjectShape,
  checkProjectSubmittable,
  checkTopics,
  mayEnterNationalFinal,
  projectWindow,
  type ProjectDraft,
} from './project.js';
import type { StageWindow } from './timeline.js';

const at = (iso: string) => new Date(iso);
const stages: StageWindow[] = [
  { code: 'collection', startsAt: at('2024-06-24T00:00:00+08:00'), endsAt: at('2024-08-16T00:00:00+08:00') },
  { code: 'preliminary', startsAt: at('2024-08-16T00:00:00+08:00'), endsAt: at('2024-09-01T00:00:00+08:00') },
  { code: 'final', startsAt: at('2024-09-01T00:00:00+08:00'), endsAt: at('2024-10-01T00:00:00+08:00') },
  { code: 'promotion', startsAt: at('2024-10-01T00:00:00+08:00'), endsAt: null },
];
const nationalFinalAt = at('2024-11-30T23:59:59+08:00');

const modeling: ProjectDraft = {
  track: 'society',
  direction: 'modeling',
  category: 'modeling',
  title: '交通流量预测',
  summary: '摘要',
  publicComponentKind: null,
  topicScope: 'single_field',
  topics: [{ topicId: 't1', fieldCode: 'transportation' }],
  dataSources: [{ kind: 'public_catalog', name: '道路交通流量' }],
  benefitProof: null,
  completionDeclared: true,
  completeBeforeNationalFinal: false,
  fileKinds: ['proposal'],
};
const product: ProjectDraft = {
  ...modeling,
  direction: 'product_innovation',
  category: 'data_product',
  dataSources: [],
  completionDeclared: false,
  benefitProof: { deployedWhere: '南宁', deployedSince: '2023-05', socialBenefit: '服务 10 万人' },
};

describe('topics (R-TOPIC-1)', () => {
  it('needs at least one topic', () => {
    expect(checkTopics('single_field', [])).toEqual([
      expect.objectContaining({ code: 'TOPIC_REQUIRED', ruleId: 'R-TOPIC-1' }),
    ]);
  });

  it('keeps a single-field project in one field and a cross-field project across two or more', () => {
    const two = [
      { topicId: 'a', fieldCode: 'healthcare' },
      { topicId: 'b', fieldCode: 'transportation' },
    ];
    expect(checkTopics('single_field', [two[0]!, { topicId: 'c', fieldCode: 'healthcare' }])).toEqual([]);
    expect(checkTopics('single_field', two).map((v) => v.code)).toEqual(['TOPICS_NOT_IN_ONE_FIELD']);
    expect(checkTopics('cross_field', two)).toEqual([]);
    expect(checkTopics('cross_field', [two[0]!]).map((v) => v.code)).toEqual(['CROSS_FIELD_NEEDS_TWO_FIELDS']);
  });
});

describe('the national final declaration (R-PROJ-1)', () => {
  it('requires modeling projects to declare it before submitting', () => {
    expect(checkProjectSubmittable(modeling)).toEqual([]);
    expect(checkProjectSubmittable({ ...modeling, completionDeclared: false }).map((v) => [v.code, v.ruleId])).toEqual([
      ['COMPLETION_NOT_DECLARED', 'R-PROJ-1'],
    ]);
  });

  it('refuses the flag on product projects', () => {
    expect(checkProjectShape({ ...product, completeBeforeNationalFinal: true }).map((v) => [v.code, v.ruleId])).toEqual(
      [['COMPLETION_FLAG_ONLY_FOR_MODELING', 'R-PROJ-1']],
    );
  });

  it('lets product projects, and modeling projects complete in time, enter the national final', () => {
    expect(mayEnterNationalFinal('data_product', false)).toBe(true);
    expect(mayEnterNationalFinal('public_component', false)).toBe(true);
    expect(mayEnterNationalFinal('modeling', false)).toBe(false);
    expect(mayEnterNationalFinal('modeling', true)).toBe(true);
  });
});

describe('required fields per category', () => {
  it('asks modeling for data sources and products for proof of benefit', () => {
    expect(checkProjectSubmittable({ ...modeling, dataSources: [] }).map((v) => v.code)).toEqual([
      'DATA_SOURCES_REQUIRED',
    ]);
    expect(checkProjectSubmittable(product)).toEqual([]);
    expect(
      checkProjectSubmittable({ ...product, benefitProof: { deployedWhere: '南宁', deployedSince: '2023-05' } }).map(
        (v) => v.code,
      ),
    ).toEqual(['BENEFIT_PROOF_REQUIRED']);
  });

  it('asks public components for their kind, and only them (R-CAT-1 for the university track)', () => {
    const component: ProjectDraft = { ...product, category: 'public_component', publicComponentKind: null };
    expect(checkProjectShape(component).map((v) => v.code)).toEqual(['PUBLIC_COMPONENT_KIND_REQUIRED']);
    expect(checkProjectShape({ ...component, publicComponentKind: 'tool' })).toEqual([]);
    expect(
      checkProjectShape({ ...component, publicComponentKind: 'tool', track: 'university' }).map((v) => v.ruleId),
    ).toEqual(['R-CAT-1']);
    expect(checkProjectShape({ ...modeling, publicComponentKind: 'tool' }).map((v) => v.code)).toEqual([
      'PUBLIC_COMPONENT_KIND_NOT_APPLICABLE',
    ]);
  });

  it('asks for a title, a summary and a proposal', () => {
    expect(
      checkProjectSubmittable({ ...modeling, title: ' ', summary: '', fileKinds: ['slides'] }).map((v) => v.code),
    ).toEqual(['PROJECT_FIELD_REQUIRED', 'PROJECT_FIELD_REQUIRED', 'PROPOSAL_FILE_REQUIRED']);
  });
});

describe('what the timeline allows (R-TIME-1, R-TIME-3)', () => {
  const window = (iso: string, everSubmitted: boolean) =>
    projectWindow({ stages, now: at(iso), nationalFinalAt, everSubmitted });

  it('allows everything during collection', () => {
    expect(window('2024-07-15T10:00:00+08:00', false)).toEqual({ kind: 'collection' });
  });

  it('refuses drafts before and after collection, naming the stage (R-TIME-1)', () => {
    expect(window('2024-06-01T10:00:00+08:00', false)).toEqual({
      kind: 'closed',
      violation: { code: 'COLLECTION_CLOSED', ruleId: 'R-TIME-1', params: { stage: 'none' } },
    });
    expect(window('2024-08-20T10:00:00+08:00', false)).toMatchObject({
      kind: 'closed',
      violation: { ruleId: 'R-TIME-1', params: { stage: 'preliminary' } },
    });
  });

  it('lets submitted projects iterate until the national final (R-TIME-3)', () => {
    expect(window('2024-09-15T10:00:00+08:00', true)).toEqual({ kind: 'iteration', stage: 'final' });
    expect(window('2024-12-01T10:00:00+08:00', true)).toMatchObject({
      kind: 'closed',
      violation: { code: 'ITERATION_CLOSED', ruleId: 'R-TIME-3' },
    });
    expect(
      projectWindow({ stages, now: at('2025-06-01T00:00:00+08:00'), nationalFinalAt: null, everSubmitted: true }).kind,
    ).toBe('iteration');
  });

  it('locks the title and category after collection only (R-TIME-3)', () => {
    const current = { title: '原名', category: 'modeling' as const };
    const iteration = window('2024-09-15T10:00:00+08:00', true);
    expect(checkLockedFields(iteration, current, { title: '新名' }).map((v) => [v.code, v.ruleId])).toEqual([
      ['TITLE_LOCKED', 'R-TIME-3'],
    ]);
    expect(checkLockedFields(iteration, current, { title: '原名' })).toEqual([]);
    expect(checkLockedFields(iteration, current, { category: 'data_product' }).map((v) => v.code)).toEqual([
      'CATEGORY_LOCKED',
    ]);
    expect(checkLockedFields({ kind: 'collection' }, current, { title: '新名', category: 'data_product' })).toEqual([]);
  });
});
