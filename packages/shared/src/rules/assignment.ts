/**
 * Conflict-free assignment of experts to projects (SPEC §6: experts never review teams of their
 * own unit or university; each project gets several independent scores).
 *
 * Conflicts are expressed as opaque keys so that the caller decides how identities match:
 * the API uses `unit:<credit code>` and `unit-name:<unitNameKey(name)>`,
 * `team:<id>` and `project:<id>`. An expert is conflicted with a project when any of the
 * project's keys is among the expert's conflict keys.
 */

/**
 * The key a unit or affiliation name is matched by: Unicode NFKC (full-width brackets, letters
 * and spaces become their plain forms), without whitespace, lower-cased, so that `广西大学（东校区）`
 * and `广西大学 (东校区)` are the same unit. The database computes the same key with its
 * `unit_name_key` function (src/db/sql/pre-1-unit-name-key.sql in the API).
 */
export function unitNameKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
}

/** What a declared conflict of interest (回避) names: a project, a team, or a unit (by id or credit code). */
export const CONFLICT_KINDS = ['project', 'team', 'unit'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

/**
 * Where a declared conflict stands: an expert's declaration is `pending` (and already keeps the
 * expert off) until an organizer `confirmed` or `rejected` it; one recorded by an organizer is
 * `confirmed` at once. A rejected or withdrawn conflict no longer keeps the expert off.
 */
export const CONFLICT_STATUSES = ['pending', 'confirmed', 'rejected'] as const;
export type ConflictStatus = (typeof CONFLICT_STATUSES)[number];

export interface AssignableExpert {
  id: string;
  /** The expert's affiliation keys plus every declared conflict key. */
  conflictKeys: readonly string[];
  /** Expertise field codes. */
  fields: readonly string[];
  /** Topic ids the expert declared (a closer match than a field). */
  topics?: readonly string[];
}

export interface AssignableProject {
  id: string;
  /** `project:<id>`, `team:<id>` and the keys of every unit of the team. */
  conflictKeys: readonly string[];
  /** Field codes of the project's topics. */
  fields: readonly string[];
  /** The project's topic ids. */
  topics?: readonly string[];
}

export interface AssignmentPair {
  projectId: string;
  expertId: string;
}

export interface AssignmentPlan {
  /** New pairs only (existing ones are not repeated). */
  assignments: AssignmentPair[];
  /** Projects that could not get `expertsPerProject` eligible experts. */
  shortfalls: { projectId: string; missing: number }[];
  /** Final load per expert, existing assignments included. */
  load: Map<string, number>;
  /** How many of the new pairs share at least one field between expert and project (match quality). */
  fieldMatched: number;
  /** How many of the new pairs share at least one topic. */
  topicMatched: number;
}

/** Whether the expert may not review the project (own unit or university, or a declared conflict). */
export function isConflicted(
  expert: Pick<AssignableExpert, 'conflictKeys'>,
  project: Pick<AssignableProject, 'conflictKeys'>,
): boolean {
  return project.conflictKeys.some((key) => expert.conflictKeys.includes(key));
}

export interface AssignmentInput {
  experts: readonly AssignableExpert[];
  projects: readonly AssignableProject[];
  expertsPerProject: number;
  existing?: readonly AssignmentPair[];
  /** false: ignore topics and fields (the benchmark's baseline). */
  matchFields?: boolean;
}

/**
 * Assigns `expertsPerProject` distinct, non-conflicted experts to every project, on top of the
 * `existing` pairs (which count towards both the project's quota and the expert's load; a pair
 * of an expert not among `experts` counts towards the project's quota only). The caller passes
 * only the pairs that still count: a lost assignment (withdrawn, or of a disabled expert who
 * has not submitted) is left out, so the run tops the project up.
 *
 * Greedy and deterministic: projects with the fewest eligible experts go first; each picks the
 * least loaded eligible experts, preferring among equally loaded ones more matching topics, then
 * more matching fields, then the smaller id. Without conflicts this keeps every expert's load within 1 of every other's;
 * with conflicts it stays close but an exact balance is not guaranteed. `matchFields: false`
 * ignores topics and fields (the baseline the benchmark compares with); `fieldMatched` and
 * `topicMatched` say how many new pairs share a field or a topic either way.
 */
export function assignExperts(input: AssignmentInput): AssignmentPlan {
  const { expertsPerProject } = input;
  const experts = [...input.experts].sort((a, b) => compareIds(a.id, b.id));
  const conflictSets = experts.map((expert) => new Set(expert.conflictKeys));
  const fieldSets = experts.map((expert) => new Set(expert.fields));
  const topicSets = experts.map((expert) => new Set(expert.topics ?? []));
  const indexById = new Map(experts.map((expert, index) => [expert.id, index]));
  const load = new Array<number>(experts.length).fill(0);
  const assignedTo = new Map<string, Set<number>>();
  // Existing pairs of experts no longer assignable (e.g. disabled after submitting) still fill the project.
  const filledByOthers = new Map<string, number>();
  for (const pair of input.existing ?? []) {
    const index = indexById.get(pair.expertId);
    if (index === undefined) {
      filledByOthers.set(pair.projectId, (filledByOthers.get(pair.projectId) ?? 0) + 1);
      continue;
    }
    load[index]! += 1;
    let set = assignedTo.get(pair.projectId);
    if (!set) assignedTo.set(pair.projectId, (set = new Set()));
    set.add(index);
  }

  const eligibleOf = (project: AssignableProject): number[] => {
    const eligible: number[] = [];
    for (let index = 0; index < experts.length; index++) {
      const conflicts = conflictSets[index]!;
      if (!project.conflictKeys.some((key) => conflicts.has(key))) eligible.push(index);
    }
    return eligible;
  };

  const work = input.projects
    .map((project) => ({ project, eligible: eligibleOf(project) }))
    .sort((a, b) => a.eligible.length - b.eligible.length || compareIds(a.project.id, b.project.id));

  const assignments: AssignmentPair[] = [];
  const shortfalls: AssignmentPlan['shortfalls'] = [];
  const matchFields = input.matchFields ?? true;
  let fieldMatched = 0;
  let topicMatched = 0;
  for (const { project, eligible } of work) {
    const already = assignedTo.get(project.id) ?? new Set<number>();
    const needed = expertsPerProject - already.size - (filledByOthers.get(project.id) ?? 0);
    if (needed <= 0) continue;
    const matchOf = (index: number) => overlap(project.fields, fieldSets[index]!);
    const topicsOf = (index: number) => overlap(project.topics, topicSets[index]!);
    // Keeps the `needed` best candidates in a small sorted buffer: O(experts × needed).
    const best: Candidate[] = [];
    for (const index of eligible) {
      if (already.has(index)) continue;
      const [topic, match] = matchFields ? [topicsOf(index), matchOf(index)] : [0, 0];
      const candidate = { index, load: load[index]!, topic, match };
      if (best.length === needed && !better(candidate, best[best.length - 1]!)) continue;
      let position = best.length;
      while (position > 0 && better(candidate, best[position - 1]!)) position--;
      best.splice(position, 0, candidate);
      if (best.length > needed) best.pop();
    }
    for (const { index } of best) {
      load[index]! += 1;
      if (matchOf(index) > 0) fieldMatched++;
      if (topicsOf(index) > 0) topicMatched++;
      assignments.push({ projectId: project.id, expertId: experts[index]!.id });
    }
    if (best.length < needed) shortfalls.push({ projectId: project.id, missing: needed - best.length });
  }
  const finalLoad = new Map(experts.map((expert, index) => [expert.id, load[index]!]));
  return { assignments, shortfalls, load: finalLoad, fieldMatched, topicMatched };
}

/** How many of the items are in the set. */
const overlap = (items: readonly string[] | undefined, set: ReadonlySet<string>) =>
  (items ?? []).reduce((count, item) => count + (set.has(item) ? 1 : 0), 0);

type Candidate = { index: number; load: number; topic: number; match: number };
/** Less loaded first, then more matching topics, then more matching fields, then the sorted expert order. */
const better = (a: Candidate, b: Candidate) =>
  a.load !== b.load
    ? a.load < b.load
    : a.topic !== b.topic
      ? a.topic > b.topic
      : a.match !== b.match
        ? a.match > b.match
        : a.index < b.index;

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
