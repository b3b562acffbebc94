import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assignExperts,
  isConflicted,
  unitNameKey,
  type AssignableExpert,
  type AssignableProject,
} from './assignment.js';

const UNITS = ['unit:A', 'unit:B', 'unit:C', 'unit:D', 'unit:E', 'unit:F'];
const FIELDS = ['healthcare', 'transportation', 'modern_agriculture'];

const world = fc
  .record({
    expertCount: fc.integer({ min: 1, max: 25 }),
    projectCount: fc.integer({ min: 1, max: 40 }),
    expertsPerProject: fc.integer({ min: 1, max: 6 }),
    seed: fc.array(fc.nat(1000), { minLength: 400, maxLength: 400 }),
  })
  .map(({ expertCount, projectCount, expertsPerProject, seed }) => {
    let cursor = 0;
    const next = (modulo: number) => seed[cursor++ % seed.length]! % modulo;
    const projects: AssignableProject[] = Array.from({ length: projectCount }, (_, index) => {
      const units = [...new Set([UNITS[next(UNITS.length)]!, ...(next(3) === 0 ? [UNITS[next(UNITS.length)]!] : [])])];
      return {
        id: `p${index}`,
        conflictKeys: [`project:p${index}`, `team:t${index}`, ...units],
        fields: [FIELDS[next(FIELDS.length)]!],
      };
    });
    const experts: AssignableExpert[] = Array.from({ length: expertCount }, (_, index) => {
      const declared =
        next(4) === 0 ? [`project:p${next(projectCount)}`] : next(5) === 0 ? [`team:t${next(projectCount)}`] : [];
      return {
        id: `e${String(index).padStart(3, '0')}`,
        conflictKeys: [UNITS[next(UNITS.length)]!, ...declared],
        fields: [FIELDS[next(FIELDS.length)]!],
      };
    });
    return { projects, experts, expertsPerProject };
  });

describe('conflict-free expert assignment (SPEC §6)', () => {
  it('never assigns an expert of the project’s unit or a declared conflict (property)', () => {
    fc.assert(
      fc.property(world, ({ projects, experts, expertsPerProject }) => {
        const plan = assignExperts({ experts, projects, expertsPerProject });
        const expertById = new Map(experts.map((expert) => [expert.id, expert]));
        const projectById = new Map(projects.map((project) => [project.id, project]));
        for (const pair of plan.assignments) {
          expect(isConflicted(expertById.get(pair.expertId)!, projectById.get(pair.projectId)!)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives each project N distinct experts, or every eligible expert when fewer exist (property)', () => {
    fc.assert(
      fc.property(world, ({ projects, experts, expertsPerProject }) => {
        const plan = assignExperts({ experts, projects, expertsPerProject });
        for (const project of projects) {
          const assigned = plan.assignments
            .filter((pair) => pair.projectId === project.id)
            .map((pair) => pair.expertId);
          expect(new Set(assigned).size).toBe(assigned.length);
          const eligible = experts.filter((expert) => !isConflicted(expert, project)).length;
          expect(assigned.length).toBe(Math.min(expertsPerProject, eligible));
          const shortfall = plan.shortfalls.find((entry) => entry.projectId === project.id);
          expect(shortfall?.missing ?? 0).toBe(expertsPerProject - assigned.length);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('balances the load within 1 when no conflict constrains the choice (property)', () => {
    fc.assert(
      fc.property(world, ({ projects, experts, expertsPerProject }) => {
        fc.pre(experts.length >= expertsPerProject);
        const free = experts.map((expert) => ({ ...expert, conflictKeys: [] }));
        const plan = assignExperts({ experts: free, projects, expertsPerProject });
        const loads = [...plan.load.values()];
        expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });

  it('prefers experts of the project’s field among equally loaded ones', () => {
    const plan = assignExperts({
      experts: [
        { id: 'a', conflictKeys: [], fields: ['transportation'] },
        { id: 'b', conflictKeys: [], fields: ['healthcare'] },
      ],
      projects: [{ id: 'p', conflictKeys: ['project:p'], fields: ['healthcare'] }],
      expertsPerProject: 1,
    });
    expect(plan.assignments).toEqual([{ projectId: 'p', expertId: 'b' }]);
  });

  it('reports how many new pairs share a field, and matches more than the same run ignoring fields', () => {
    const fields = ['healthcare', 'transportation', 'finance', 'culture_tourism'];
    const experts = Array.from({ length: 12 }, (_, index) => ({
      id: `e${String(index).padStart(2, '0')}`,
      conflictKeys: [],
      fields: [fields[index % 4]!],
    }));
    const projects = Array.from({ length: 40 }, (_, index) => ({
      id: `p${String(index).padStart(2, '0')}`,
      conflictKeys: [`project:p${index}`],
      fields: [fields[(index * 3) % 4]!],
    }));
    const matched = assignExperts({ experts, projects, expertsPerProject: 3 });
    const baseline = assignExperts({ experts, projects, expertsPerProject: 3, matchFields: false });
    const sharing = (plan: typeof matched) =>
      plan.assignments.filter((pair) => {
        const expert = experts.find((entry) => entry.id === pair.expertId)!;
        const project = projects.find((entry) => entry.id === pair.projectId)!;
        return project.fields.some((field) => expert.fields.includes(field));
      }).length;
    expect(matched.fieldMatched).toBe(sharing(matched));
    expect(baseline.fieldMatched).toBe(sharing(baseline));
    expect(matched.fieldMatched).toBeGreaterThan(baseline.fieldMatched);
    // Balance first: matching never costs more than a load difference of 1.
    const loads = [...matched.load.values()];
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
  });

  it('tops up existing assignments instead of repeating them', () => {
    const plan = assignExperts({
      experts: ['a', 'b', 'c'].map((id) => ({ id, conflictKeys: [], fields: [] })),
      projects: [{ id: 'p', conflictKeys: [], fields: [] }],
      expertsPerProject: 2,
      existing: [{ projectId: 'p', expertId: 'b' }],
    });
    expect(plan.assignments).toEqual([{ projectId: 'p', expertId: 'a' }]);
    expect(plan.load.get('b')).toBe(1);
  });

  it('counts a kept pair of an expert no longer assignable towards the project, not towards anyone’s load', () => {
    // z was disabled after submitting: the project needs one more, not two.
    const plan = assignExperts({
      experts: ['a', 'b'].map((id) => ({ id, conflictKeys: [], fields: [] })),
      projects: [{ id: 'p', conflictKeys: [], fields: [] }],
      expertsPerProject: 2,
      existing: [{ projectId: 'p', expertId: 'z' }],
    });
    expect(plan.assignments).toEqual([{ projectId: 'p', expertId: 'a' }]);
    expect(plan.shortfalls).toEqual([]);
  });

  it('skips the expert of the same university (credit code key)', () => {
    const plan = assignExperts({
      experts: [
        { id: 'gxu-professor', conflictKeys: ['unit:12450000498598094Q'], fields: [] },
        { id: 'outsider', conflictKeys: ['unit:91450100MA5KXXXX0X'], fields: [] },
      ],
      projects: [{ id: 'p', conflictKeys: ['project:p', 'team:t', 'unit:12450000498598094Q'], fields: [] }],
      expertsPerProject: 2,
    });
    expect(plan.assignments).toEqual([{ projectId: 'p', expertId: 'outsider' }]);
    expect(plan.shortfalls).toEqual([{ projectId: 'p', missing: 1 }]);
  });
});

describe('unit name keys (SPEC §6: an affiliation matches its unit by name)', () => {
  it('treats full-width brackets, spaces and letter case alike', () => {
    expect(unitNameKey('广西大学（东校区）')).toBe(unitNameKey(' 广西大学 (东校区) '));
    expect(unitNameKey('ＡＢＣ数据　有限公司')).toBe('abc数据有限公司');
  });

  it('keeps different names apart', () => {
    expect(unitNameKey('广西大学')).not.toBe(unitNameKey('广西医科大学'));
  });
});
