import {
  CATEGORY_DIRECTION,
  type CategoryCode,
  type DirectionCode,
  type PublicComponentKind,
  type TrackCode,
} from '../domain/competition.js';
import { checkCategory } from './category.js';
import { isStageOpen, type StageWindow } from './timeline.js';
import type { RuleViolation } from './violation.js';

/** The kinds of a project's attachments (SPEC §5). */
export const PROJECT_FILE_KINDS = ['proposal', 'slides', 'video', 'proof'] as const;
export type ProjectFileKind = (typeof PROJECT_FILE_KINDS)[number];

/** Where a `modeling` project's data comes from (SPEC §2): the public catalog, public service data, or its own. */
export const DATA_SOURCE_KINDS = ['public_catalog', 'public_service', 'own'] as const;
export type DataSourceKind = (typeof DATA_SOURCE_KINDS)[number];

/** R-TOPIC-1: a project's topics are all of one field, or span several fields. */
export const TOPIC_SCOPES = ['single_field', 'cross_field'] as const;
export type TopicScope = (typeof TOPIC_SCOPES)[number];

/** A project is a draft until its first submission (version 1), then submitted. */
export const PROJECT_STATUSES = ['draft', 'submitted'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export interface DataSource {
  kind: DataSourceKind;
  /** The catalog entry's name (政务数据目录 / public service data), or a name for the team's own data. */
  name: string;
  /** Free text: provider, fields used, how the own data was obtained. */
  note?: string;
}

/** Proof of real use and benefit, for `data_product` and `public_component` (SPEC §2). */
export interface BenefitProof {
  /** Where it is deployed (units, regions, systems). */
  deployedWhere: string;
  /** Since when, as YYYY-MM or YYYY-MM-DD. */
  deployedSince: string;
  economicBenefit?: string;
  socialBenefit?: string;
  figures?: { label: string; value: string }[];
}

export interface TopicChoice {
  topicId: string;
  fieldCode: string;
}

/**
 * R-TOPIC-1: at least one topic; `single_field` means every topic is of one field, `cross_field`
 * means the topics span at least two fields.
 */
export function checkTopics(scope: TopicScope, topics: readonly TopicChoice[]): RuleViolation[] {
  if (topics.length === 0) return [{ code: 'TOPIC_REQUIRED', ruleId: 'R-TOPIC-1', path: '/topicIds' }];
  const fieldCount = new Set(topics.map((topic) => topic.fieldCode)).size;
  if (scope === 'single_field' && fieldCount > 1) {
    return [
      { code: 'TOPICS_NOT_IN_ONE_FIELD', ruleId: 'R-TOPIC-1', path: '/topicIds', params: { fields: fieldCount } },
    ];
  }
  if (scope === 'cross_field' && fieldCount < 2) {
    return [{ code: 'CROSS_FIELD_NEEDS_TWO_FIELDS', ruleId: 'R-TOPIC-1', path: '/topicIds' }];
  }
  return [];
}

/** R-PROJ-1: whether the project's category lets it be recommended to the national final if it wins. */
export function mayEnterNationalFinal(category: CategoryCode, completeBeforeNationalFinal: boolean): boolean {
  return CATEGORY_DIRECTION[category] === 'product_innovation' || completeBeforeNationalFinal;
}

export interface ProjectDraft {
  track: TrackCode;
  direction: DirectionCode;
  category: CategoryCode;
  title: string;
  summary: string;
  publicComponentKind: PublicComponentKind | null;
  topicScope: TopicScope;
  topics: readonly TopicChoice[];
  dataSources: readonly DataSource[];
  benefitProof: BenefitProof | null;
  completionDeclared: boolean;
  completeBeforeNationalFinal: boolean;
  fileKinds: readonly ProjectFileKind[];
}

/** What a draft may hold at any time: the category of its track (R-CAT-1) and fields that fit the category. */
export function checkProjectShape(
  draft: Pick<ProjectDraft, 'track' | 'direction' | 'category' | 'publicComponentKind' | 'completeBeforeNationalFinal'>,
): RuleViolation[] {
  const violations = checkCategory(draft);
  if (draft.category === 'public_component' && draft.publicComponentKind === null) {
    violations.push({ code: 'PUBLIC_COMPONENT_KIND_REQUIRED', path: '/publicComponentKind' });
  }
  if (draft.category !== 'public_component' && draft.publicComponentKind !== null) {
    violations.push({
      code: 'PUBLIC_COMPONENT_KIND_NOT_APPLICABLE',
      path: '/publicComponentKind',
      params: { category: draft.category },
    });
  }
  if (draft.category !== 'modeling' && draft.completeBeforeNationalFinal) {
    violations.push({
      code: 'COMPLETION_FLAG_ONLY_FOR_MODELING',
      ruleId: 'R-PROJ-1',
      path: '/completeBeforeNationalFinal',
      params: { category: draft.category },
    });
  }
  return violations;
}

/**
 * Everything a submission needs (SPEC §2, §5): the shape above, a title and summary, topics
 * (R-TOPIC-1), data sources for `modeling`, proof of benefit for the product categories, the
 * R-PROJ-1 declaration for `modeling`, and a proposal document.
 */
export function checkProjectSubmittable(draft: ProjectDraft): RuleViolation[] {
  const violations = checkProjectShape(draft);
  if (draft.title.trim() === '')
    violations.push({ code: 'PROJECT_FIELD_REQUIRED', path: '/title', params: { property: 'title' } });
  if (draft.summary.trim() === '')
    violations.push({ code: 'PROJECT_FIELD_REQUIRED', path: '/summary', params: { property: 'summary' } });
  violations.push(...checkTopics(draft.topicScope, draft.topics));
  if (draft.category === 'modeling' && draft.dataSources.length === 0) {
    violations.push({ code: 'DATA_SOURCES_REQUIRED', path: '/dataSources' });
  }
  if (draft.category !== 'modeling') {
    const proof = draft.benefitProof;
    const hasBenefit = Boolean(
      proof?.economicBenefit?.trim() || proof?.socialBenefit?.trim() || proof?.figures?.length,
    );
    if (!proof || proof.deployedWhere.trim() === '' || proof.deployedSince.trim() === '' || !hasBenefit) {
      violations.push({ code: 'BENEFIT_PROOF_REQUIRED', path: '/benefitProof', params: { category: draft.category } });
    }
  }
  if (draft.category === 'modeling' && !draft.completionDeclared) {
    violations.push({ code: 'COMPLETION_NOT_DECLARED', ruleId: 'R-PROJ-1', path: '/completeBeforeNationalFinal' });
  }
  if (!draft.fileKinds.includes('proposal')) {
    violations.push({ code: 'PROPOSAL_FILE_REQUIRED', path: '/files', params: { kind: 'proposal' } });
  }
  return violations;
}

/** What changes of a project the timeline allows now. */
export type ProjectWindow =
  /** Collection is open: drafts, edits and submissions (R-TIME-1). */
  | { kind: 'collection' }
  /** After collection, before the national final: new versions of a submitted project, title and category locked (R-TIME-3). */
  | { kind: 'iteration'; stage: string }
  | { kind: 'closed'; violation: RuleViolation };

/** The kinds of `ProjectWindow`, as a list (for schemas and option lists). */
export const PROJECT_WINDOW_KINDS = [
  'collection',
  'iteration',
  'closed',
] as const satisfies readonly ProjectWindow['kind'][];
export type ProjectWindowKind = (typeof PROJECT_WINDOW_KINDS)[number];

/**
 * R-TIME-1 and R-TIME-3 for a project: collection allows everything; after it, a project submitted
 * at least once may be iterated until the national final (`nationalFinalAt`; open while unannounced).
 */
export function projectWindow(input: {
  stages: readonly StageWindow[];
  now: Date;
  nationalFinalAt: Date | null;
  everSubmitted: boolean;
}): ProjectWindow {
  const { stages, now } = input;
  const collection = stages.find((stage) => stage.code === 'collection');
  const stageNow = stages.find((stage) => isStageOpen(stage, now))?.code ?? 'none';
  if (collection && isStageOpen(collection, now)) return { kind: 'collection' };
  const collectionOver = collection !== undefined && collection.endsAt !== null && now >= collection.endsAt;
  if (!collectionOver) {
    return {
      kind: 'closed',
      violation: { code: 'COLLECTION_CLOSED', ruleId: 'R-TIME-1', params: { stage: stageNow } },
    };
  }
  if (!input.everSubmitted) {
    return {
      kind: 'closed',
      violation: { code: 'COLLECTION_CLOSED', ruleId: 'R-TIME-1', params: { stage: stageNow } },
    };
  }
  if (input.nationalFinalAt !== null && now >= input.nationalFinalAt) {
    return {
      kind: 'closed',
      violation: {
        code: 'ITERATION_CLOSED',
        ruleId: 'R-TIME-3',
        params: { stage: stageNow, nationalFinalAt: input.nationalFinalAt.toISOString() },
      },
    };
  }
  return { kind: 'iteration', stage: stageNow };
}

/** R-TIME-3: after collection the title (and the category it entered) cannot change. */
export function checkLockedFields(
  window: ProjectWindow,
  current: { title: string; category: CategoryCode },
  change: { title?: string | undefined; category?: CategoryCode | undefined },
): RuleViolation[] {
  if (window.kind !== 'iteration') return [];
  const violations: RuleViolation[] = [];
  if (change.title !== undefined && change.title !== current.title) {
    violations.push({ code: 'TITLE_LOCKED', ruleId: 'R-TIME-3', path: '/title', params: { stage: window.stage } });
  }
  if (change.category !== undefined && change.category !== current.category) {
    violations.push({
      code: 'CATEGORY_LOCKED',
      ruleId: 'R-TIME-3',
      path: '/category',
      params: { stage: window.stage },
    });
  }
  return violations;
}
