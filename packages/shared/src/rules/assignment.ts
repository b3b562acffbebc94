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
  const index = indexExperts(experts);
  const load = new Int32Array(experts.length);
  const assignedTo = new Map<string, Set<number>>();
  // Existing pairs of experts no longer assignable (e.g. disabled after submitting) still fill the project.
  const filledByOthers = new Map<string, number>();
  for (const pair of input.existing ?? []) {
    const expert = index.byId.get(pair.expertId);
    if (expert === undefined) {
      filledByOthers.set(pair.projectId, (filledByOthers.get(pair.projectId) ?? 0) + 1);
      continue;
    }
    load[expert]! += 1;
    let set = assignedTo.get(pair.projectId);
    if (!set) assignedTo.set(pair.projectId, (set = new Set()));
    set.add(expert);
  }

  // Projects with the fewest eligible experts first: only the count is kept, not the experts.
  const { projects } = input;
  const marks = new ExpertMarks(experts.length);
  const eligible = new Int32Array(projects.length);
  for (let project = 0; project < projects.length; project++) {
    eligible[project] = experts.length - marks.conflicts(index, projects[project]!);
  }
  const order = Array.from(projects.keys()).sort(
    (a, b) => eligible[a]! - eligible[b]! || compareIds(projects[a]!.id, projects[b]!.id),
  );

  const assignments: AssignmentPair[] = [];
  const shortfalls: AssignmentPlan['shortfalls'] = [];
  const matchFields = input.matchFields ?? true;
  let fieldMatched = 0;
  let topicMatched = 0;
  const best = new BestCandidates(expertsPerProject);
  for (const position of order) {
    const project = projects[position]!;
    const already = assignedTo.get(project.id);
    const needed = expertsPerProject - (already?.size ?? 0) - (filledByOthers.get(project.id) ?? 0);
    if (needed <= 0) continue;
    marks.conflicts(index, project, already);
    marks.matches(index, project);
    best.reset(needed);
    // O(experts × needed) over flat arrays: the marks say who is excluded and how well each matches.
    for (let expert = 0; expert < experts.length; expert++) {
      if (marks.excluded(expert)) continue;
      if (matchFields) best.offer(expert, load[expert]!, marks.topic(expert), marks.field(expert));
      else best.offer(expert, load[expert]!, 0, 0);
    }
    for (let rank = 0; rank < best.size; rank++) {
      const expert = best.expert[rank]!;
      load[expert]! += 1;
      if (marks.field(expert) > 0) fieldMatched++;
      if (marks.topic(expert) > 0) topicMatched++;
      assignments.push({ projectId: project.id, expertId: experts[expert]!.id });
    }
    if (best.size < needed) shortfalls.push({ projectId: project.id, missing: needed - best.size });
  }
  const finalLoad = new Map(experts.map((expert, position) => [expert.id, load[position]!]));
  return { assignments, shortfalls, load: finalLoad, fieldMatched, topicMatched };
}

/** Which experts (by sorted position) hold each conflict key, field and topic: a project looks its own keys up. */
interface ExpertIndex {
  byId: Map<string, number>;
  byConflictKey: Map<string, number[]>;
  byField: Map<string, number[]>;
  byTopic: Map<string, number[]>;
}

function indexExperts(experts: readonly AssignableExpert[]): ExpertIndex {
  const byConflictKey = new Map<string, number[]>();
  const byField = new Map<string, number[]>();
  const byTopic = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, keys: readonly string[], expert: number) => {
    for (const key of new Set(keys)) {
      const holders = map.get(key);
      if (holders) holders.push(expert);
      else map.set(key, [expert]);
    }
  };
  experts.forEach((expert, position) => {
    add(byConflictKey, expert.conflictKeys, position);
    add(byField, expert.fields, position);
    add(byTopic, expert.topics ?? [], position);
  });
  return { byId: new Map(experts.map((expert, position) => [expert.id, position])), byConflictKey, byField, byTopic };
}

/**
 * Per-expert marks for the project at hand, one flat array each: a mark counts only when its
 * stamp is the current project's, so nothing is cleared between projects.
 */
class ExpertMarks {
  private stamp = 0;
  private readonly excludedAt: Int32Array;
  private readonly topicAt: Int32Array;
  private readonly topics: Int32Array;
  private readonly fieldAt: Int32Array;
  private readonly fields: Int32Array;

  constructor(experts: number) {
    this.excludedAt = new Int32Array(experts);
    this.topicAt = new Int32Array(experts);
    this.topics = new Int32Array(experts);
    this.fieldAt = new Int32Array(experts);
    this.fields = new Int32Array(experts);
  }

  /** Marks the experts in conflict with the project (and those `already` on it); returns how many conflict. */
  conflicts(index: ExpertIndex, project: AssignableProject, already?: ReadonlySet<number>): number {
    const stamp = ++this.stamp;
    let conflicted = 0;
    for (const key of project.conflictKeys) {
      for (const expert of index.byConflictKey.get(key) ?? []) {
        if (this.excludedAt[expert] === stamp) continue;
        this.excludedAt[expert] = stamp;
        conflicted++;
      }
    }
    for (const expert of already ?? []) this.excludedAt[expert] = stamp;
    return conflicted;
  }

  /** Counts, per expert, the project's topics and fields (each as often as the project lists it) the expert has. */
  matches(index: ExpertIndex, project: AssignableProject): void {
    const stamp = this.stamp;
    const count = (keys: readonly string[], map: Map<string, number[]>, at: Int32Array, counts: Int32Array) => {
      for (const key of keys) {
        for (const expert of map.get(key) ?? []) {
          if (at[expert] === stamp) counts[expert]! += 1;
          else {
            at[expert] = stamp;
            counts[expert] = 1;
          }
        }
      }
    };
    count(project.topics ?? [], index.byTopic, this.topicAt, this.topics);
    count(project.fields, index.byField, this.fieldAt, this.fields);
  }

  excluded(expert: number): boolean {
    return this.excludedAt[expert] === this.stamp;
  }

  topic(expert: number): number {
    return this.topicAt[expert] === this.stamp ? this.topics[expert]! : 0;
  }

  field(expert: number): number {
    return this.fieldAt[expert] === this.stamp ? this.fields[expert]! : 0;
  }
}

/**
 * The `needed` best candidates so far, best first: less loaded, then more matching topics, then
 * more matching fields, then the sorted expert order.
 */
class BestCandidates {
  size = 0;
  private needed = 0;
  readonly expert: Int32Array;
  private readonly load: Int32Array;
  private readonly topic: Int32Array;
  private readonly match: Int32Array;

  constructor(capacity: number) {
    const length = Math.max(0, capacity) + 1;
    this.expert = new Int32Array(length);
    this.load = new Int32Array(length);
    this.topic = new Int32Array(length);
    this.match = new Int32Array(length);
  }

  reset(needed: number): void {
    this.size = 0;
    this.needed = needed;
  }

  offer(expert: number, load: number, topic: number, match: number): void {
    if (this.size === this.needed && !this.beats(expert, load, topic, match, this.size - 1)) return;
    let position = Math.min(this.size, this.needed - 1);
    while (position > 0 && this.beats(expert, load, topic, match, position - 1)) {
      this.move(position - 1, position);
      position--;
    }
    this.expert[position] = expert;
    this.load[position] = load;
    this.topic[position] = topic;
    this.match[position] = match;
    if (this.size < this.needed) this.size++;
  }

  private beats(expert: number, load: number, topic: number, match: number, rank: number): boolean {
    if (load !== this.load[rank]) return load < this.load[rank]!;
    if (topic !== this.topic[rank]) return topic > this.topic[rank]!;
    if (match !== this.match[rank]) return match > this.match[rank]!;
    return expert < this.expert[rank]!;
  }

  private move(from: number, to: number): void {
    this.expert[to] = this.expert[from]!;
    this.load[to] = this.load[from]!;
    this.topic[to] = this.topic[from]!;
    this.match[to] = this.match[from]!;
  }
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
