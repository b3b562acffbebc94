import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignExperts, type AssignableExpert, type AssignableProject, type AssignmentInput } from './assignment.js';

/**
 * The assignment rule stated plainly, pair by pair (the implementation before issue 12 made it
 * index-based): the fast plan must be exactly this one, pair for pair and in the same order.
 */
function plainAssignExperts(input: AssignmentInput) {
  const experts = [...input.experts].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const indexById = new Map(experts.map((expert, index) => [expert.id, index]));
  const load = experts.map(() => 0);
  const assignedTo = new Map<string, Set<number>>();
  const filledByOthers = new Map<string, number>();
  for (const pair of input.existing ?? []) {
    const index = indexById.get(pair.expertId);
    if (index === undefined) {
      filledByOthers.set(pair.projectId, (filledByOthers.get(pair.projectId) ?? 0) + 1);
      continue;
    }
    load[index]! += 1;
    assignedTo.set(pair.projectId, (assignedTo.get(pair.projectId) ?? new Set()).add(index));
  }
  const overlap = (items: readonly string[] | undefined, of: readonly string[] | undefined) =>
    (items ?? []).filter((item) => (of ?? []).includes(item)).length;
  const work = input.projects
    .map((project) => ({
      project,
      eligible: experts.flatMap((expert, index) =>
        project.conflictKeys.some((key) => expert.conflictKeys.includes(key)) ? [] : [index],
      ),
    }))
    .sort(
      (a, b) =>
        a.eligible.length - b.eligible.length ||
        (a.project.id < b.project.id ? -1 : a.project.id > b.project.id ? 1 : 0),
    );
  const assignments: { projectId: string; expertId: string }[] = [];
  const shortfalls: { projectId: string; missing: number }[] = [];
  let fieldMatched = 0;
  let topicMatched = 0;
  for (const { project, eligible } of work) {
    const already = assignedTo.get(project.id) ?? new Set<number>();
    const needed = input.expertsPerProject - already.size - (filledByOthers.get(project.id) ?? 0);
    if (needed <= 0) continue;
    const score = (index: number) => ({
      index,
      load: load[index]!,
      topic: input.matchFields === false ? 0 : overlap(project.topics, experts[index]!.topics),
      field: input.matchFields === false ? 0 : overlap(project.fields, experts[index]!.fields),
    });
    const chosen = eligible
      .filter((index) => !already.has(index))
      .map(score)
      .sort((a, b) => a.load - b.load || b.topic - a.topic || b.field - a.field || a.index - b.index)
      .slice(0, needed);
    for (const { index } of chosen) {
      load[index]! += 1;
      if (overlap(project.fields, experts[index]!.fields) > 0) fieldMatched++;
      if (overlap(project.topics, experts[index]!.topics) > 0) topicMatched++;
      assignments.push({ projectId: project.id, expertId: experts[index]!.id });
    }
    if (chosen.length < needed) shortfalls.push({ projectId: project.id, missing: needed - chosen.length });
  }
  return {
    assignments,
    shortfalls,
    load: new Map(experts.map((e, i) => [e.id, load[i]!])),
    fieldMatched,
    topicMatched,
  };
}

const KEYS = ['unit:A', 'unit:B', 'unit:C', 'unit-name:x', 'team:t1', 'project:p2'];
const FIELDS = ['healthcare', 'transportation', 'modern_agriculture'];
const TOPICS = ['t1', 't2', 't3', 't4'];
const some = (items: readonly string[]) => fc.array(fc.constantFrom(...items), { maxLength: 3 });

const input = fc
  .record({
    experts: fc.uniqueArray(
      fc.record({
        id: fc.stringMatching(/^e[0-9]{1,2}$/),
        conflictKeys: some(KEYS),
        fields: some(FIELDS),
        topics: some(TOPICS),
      }),
      { selector: (expert) => expert.id, maxLength: 14 },
    ),
    projects: fc.array(
      fc.record({
        id: fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'),
        conflictKeys: some(KEYS),
        fields: some(FIELDS),
        topics: some(TOPICS),
      }),
      { maxLength: 12 },
    ),
    existing: fc.array(
      fc.record({ projectId: fc.constantFrom('p1', 'p2', 'p3', 'p8'), expertId: fc.stringMatching(/^e[0-9]{1,2}$/) }),
      { maxLength: 8 },
    ),
    expertsPerProject: fc.integer({ min: 0, max: 6 }),
    matchFields: fc.boolean(),
  })
  .map((value) => value as { experts: AssignableExpert[]; projects: AssignableProject[] } & typeof value);

describe('the indexed assignment plan (issue 12)', () => {
  it('is exactly the plan of the rule stated pair by pair, existing pairs, duplicates and ties included (property)', () => {
    fc.assert(
      fc.property(input, (value) => {
        expect(assignExperts(value)).toEqual(plainAssignExperts(value));
      }),
      { numRuns: 1000 },
    );
  });
});
