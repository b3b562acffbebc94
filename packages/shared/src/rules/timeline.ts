import type { StageCode } from '../domain/competition.js';
import type { RuleViolation } from './violation.js';

/** A stage of the timeline: open from `startsAt` (inclusive) until `endsAt` (exclusive; null = open-ended). */
export interface StageWindow {
  code: StageCode;
  startsAt: Date;
  endsAt: Date | null;
}

/** Whether the stage's window contains the instant. */
export function isStageOpen(stage: StageWindow, now: Date): boolean {
  return stage.startsAt <= now && (stage.endsAt === null || now < stage.endsAt);
}

/** R-TIME-1: the stage open at `now`, or null before the first stage and in gaps between stages. */
export function currentStage<S extends StageWindow>(stages: readonly S[], now: Date): S | null {
  return stages.find((stage) => isStageOpen(stage, now)) ?? null;
}

/** The next stage to open after `now`, if any. */
export function nextStage<S extends StageWindow>(stages: readonly S[], now: Date): S | null {
  const upcoming = stages.filter((stage) => stage.startsAt > now);
  upcoming.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  return upcoming[0] ?? null;
}

/**
 * R-TIME-1: registration, team changes and submissions only while `collection` is open.
 * Returns a violation naming the current stage otherwise.
 */
export function checkCollectionOpen(stages: readonly StageWindow[], now: Date, path?: string): RuleViolation[] {
  const collection = stages.find((stage) => stage.code === 'collection');
  if (collection && isStageOpen(collection, now)) return [];
  const stage = currentStage(stages, now);
  return [
    {
      code: 'COLLECTION_CLOSED',
      ruleId: 'R-TIME-1',
      ...(path ? { path } : {}),
      params: { stage: stage?.code ?? 'none' },
    },
  ];
}

/** Validates stage dates: each ends after it starts, stages in order, no overlaps. */
export function checkStageOrder(stages: readonly StageWindow[]): RuleViolation[] {
  const violations: RuleViolation[] = [];
  stages.forEach((stage, index) => {
    if (stage.endsAt !== null && stage.endsAt <= stage.startsAt) {
      violations.push({ code: 'STAGE_ENDS_BEFORE_START', path: `/stages/${index}`, params: { stage: stage.code } });
    }
    const previous = stages[index - 1];
    if (previous && (previous.endsAt === null || previous.endsAt > stage.startsAt)) {
      violations.push({
        code: 'STAGES_OVERLAP',
        path: `/stages/${index}`,
        params: { stage: stage.code, previous: previous.code },
      });
    }
  });
  return violations;
}
