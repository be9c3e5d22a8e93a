/**
 * Drafts the coming round's rotation plan (digest §7) as an integer program solved by HiGHS.
 *
 * The formulation keeps a county small by grouping interchangeable people and schools:
 * - a group is a school × person class (ordinary teacher, backbone teacher, leader); who within a
 *   group goes is decided afterwards, longest-serving first;
 * - a school class is district × tier × level: every preference and every requirement but a
 *   school's own quota and ratio depends only on those, so people flow between classes, and a
 *   per-school receive count shares each class's arrivals out within each school's quota.
 *
 * Variables: send[g] people of group g who leave; stay[g] of them who go to another school of
 * their own class; f[S, p, C] people of class p leaving class S for class C; r[t] people school
 * t receives; one shortfall per requirement that may give way (a school's ratio, the county's
 * leader share, the backbone share, the strong-to-other backbone flow). Requirements that never
 * give way are not variables at all: a move that would break PLAN-LEVEL or PLAN-NO-REVERSE has
 * no column, the barred and the waiting deputies are in no group (PLAN-BAR, PLAN-HEAD-FIRST),
 * PLAN-QUOTA is a row per school, and r[t] ≤ arrivals from other schools of t's class keeps
 * anyone from being sent to their own school (with that row, the share-out always exists).
 * Shortfalls cost more than any preference, in the digest's order, so the solver gives way by
 * as little as the records allow. Subjects decide, within the solver's counts, which of a class's arrivals
 * goes to which of its schools: one a school is short of goes there first.
 */
import type { Highs, InitOptions } from "highs";
import * as highsPackage from "highs";
import type { PlanContext, PlanMove, PlanPerson, PlanSchool } from "./context.ts";
import { sameStage } from "./context.ts";
import { byCode, ceilShare } from "./check-words.ts";
import { groupBy, headMayGo } from "./judged.ts";

export type PersonClass = "ordinary" | "backbone" | "leader";

/** Why a due person is not in the plan (the contract's plan_unplaced, before wording). */
export interface Unplaced {
  staffId: string;
  fromSchoolId: string;
  reasonRuleId: "PLAN-BAR" | "PLAN-HEAD-FIRST" | "PLAN-LEVEL" | "PLAN-QUOTA";
  /** For PLAN-HEAD-FIRST: the head who goes first. */
  headStaffId?: string;
}

export interface DraftResult {
  moves: PlanMove[];
  unplaced: Unplaced[];
  /** The requirements that gave way, and by how much (none: every requirement is met). */
  gaveWay: {
    /** PLAN-RATIO: teachers each school sends short of what it must. */
    ratio: Record<string, number>;
    /** PLAN-RATIO for leaders (ROT-LEAD15): leaders short, county-wide. */
    leaders: number;
    /** PLAN-BACKBONE: backbone teachers short of the share of those sent. */
    backbone: number;
    /** PLAN-NO-REVERSE: no strong school sends a backbone teacher elsewhere. */
    reverse: boolean;
  };
  solver: {
    status: string;
    /** The MIP's relative gap when it stopped (0 when proved optimal). */
    gap: number;
    seconds: number;
    columns: number;
    rows: number;
  };
}

/** What a shortfall of one unit costs, in the digest's order of requirements; then preferences. */
const cost = {
  ratioShort: 1_000_000,
  leaderShort: 1_000_000,
  backboneShort: 10_000, // per unit of den·B − num·T, about one backbone teacher each
  reverseShort: 1_000,
  /** An ordinary teacher placed outside their 片区 (002 篇七). */
  ordinaryOutOfDistrict: 10,
  /** A backbone teacher sent to a school that is not weak (backbone to weak schools first). */
  backboneNotToWeak: 1,
  /** Every move costs a little: the plan sends what the rules require, not more. */
  move: 1,
  /** Leaders: the school whose leader served longest goes first (a small reward per year). */
  leaderYearsReward: 0.001,
} as const;

/**
 * HiGHS stops here with its best plan and the gap it has left (reported beside the plan) rather
 * than run on: a city's plan must come within a minute on an office PC.
 */
const solverTimeLimitSeconds = 50;

let loaded: Promise<Highs> | undefined;
// highs ships ESM at run time (its loader is the default export) but CommonJS-shaped types, which
// NodeNext reads as the namespace itself
const highsLoader = (highsPackage as unknown as { default: (options?: InitOptions) => Promise<Highs> }).default;
const loadHighs = (): Promise<Highs> => (loaded ??= highsLoader());

interface Group {
  school: PlanSchool;
  personClass: PersonClass;
  /** Longest-serving first: the order in which the group's people are proposed. */
  people: PlanPerson[];
}

interface SchoolClass {
  key: string;
  district: string | null;
  tier: PlanSchool["tier"];
  level: string;
  schools: PlanSchool[];
}

/** Schools alike in everything the plan's preferences and requirements look at, but their own quota. */
const classKey = (school: PlanSchool): string => `${school.district ?? ""}|${school.tier}|${school.level}`;

interface Flow {
  from: SchoolClass;
  personClass: PersonClass;
  destination: SchoolClass;
  members: Group[];
  column: number;
}

/** Class of a movable person (middle cadres due by ROT-T9 rotate with the teachers, ROT-RATIO). */
const classOf = (person: PlanPerson): PersonClass =>
  person.postGroup === "leader" ? "leader" : person.backbone ? "backbone" : "ordinary";

const longestServingFirst = (a: PlanPerson, b: PlanPerson): number =>
  b.yearsInSchool - a.yearsInSchool || byCode(a.staffId, b.staffId);

/**
 * Deputies whose office head is due as well (PLAN-HEAD-FIRST, due by any rule: to another school
 * or for a post rotation, and not kept back by a bar): they wait this round, as 002 篇十二 says of
 * middle cadres who both meet the conditions: 先交流轮岗正职，待条件成熟时，再交流轮岗副职.
 */
function waitingDeputies(context: PlanContext): Map<string, string> {
  const dueHeads = new Map<string, string>();
  for (const person of context.people) {
    if (person.officeRole === "head" && person.department && headMayGo(person)) {
      dueHeads.set(`${person.schoolId}|${person.department}`, person.staffId);
    }
  }
  const waiting = new Map<string, string>();
  for (const person of context.people) {
    const head = person.officeRole === "deputy" && person.department ? dueHeads.get(`${person.schoolId}|${person.department}`) : undefined;
    if (head && (person.mayMove || person.postRotationDue)) waiting.set(person.staffId, head);
  }
  return waiting;
}

export async function draftPlan(context: PlanContext): Promise<DraftResult> {
  const started = performance.now();
  const schools = new Map(context.schools.map((school) => [school.schoolId, school]));
  const waiting = waitingDeputies(context);
  const unplaced: Unplaced[] = [];

  // who may be sent to another school: PLAN-WHO; the barred and the waiting deputies are listed
  const groups = new Map<string, Group>();
  for (const person of context.people) {
    if (!person.mayMove) continue;
    const head = waiting.get(person.staffId);
    if (head) {
      unplaced.push({ staffId: person.staffId, fromSchoolId: person.schoolId, reasonRuleId: "PLAN-HEAD-FIRST", headStaffId: head });
      continue;
    }
    if (person.barred) {
      unplaced.push({ staffId: person.staffId, fromSchoolId: person.schoolId, reasonRuleId: "PLAN-BAR" });
      continue;
    }
    const school = schools.get(person.schoolId);
    if (!school) continue;
    const key = `${person.schoolId}|${classOf(person)}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { school, personClass: classOf(person), people: [] }));
    group.people.push(person);
  }
  for (const group of groups.values()) group.people.sort(longestServingFirst);

  const classes = new Map<string, SchoolClass>();
  for (const school of context.schools) {
    const key = classKey(school);
    let found = classes.get(key);
    if (!found) classes.set(key, (found = { key, district: school.district, tier: school.tier, level: school.level, schools: [] }));
    found.schools.push(school);
  }

  const classOfSchool = (school: PlanSchool): SchoolClass => classes.get(classKey(school))!;
  const model = new ModelBuilder();

  // send[g]: how many of group g leave; stay[g]: how many of them go to another school of
  // their own school's class (the only arrivals a school could receive from itself)
  const sends = new Map<Group, number>();
  const staysInClass = new Map<Group, number>();
  for (const group of groups.values()) {
    const reward = group.personClass === "leader" ? -cost.leaderYearsReward * group.people[0]!.yearsInSchool : 0;
    const send = model.integer(reward, group.people.length);
    sends.set(group, send);
    if (classOfSchool(group.school).schools.length > 1) {
      const stay = model.integer(0, group.people.length);
      staysInClass.set(group, stay);
      model.row([[stay, 1], [send, -1]], Number.NEGATIVE_INFINITY, 0);
    }
  }

  // f[S, p, C]: people of class p leaving schools of class S for schools of class C. Columns
  // exist only for moves the hard rules allow: PLAN-LEVEL, PLAN-NO-REVERSE.
  const senders = groupBy([...groups.values()], (group) => `${classKey(group.school)}|${group.personClass}`);
  const flows: Flow[] = [];
  for (const members of senders.values()) {
    const from = classOfSchool(members[0]!.school);
    const personClass = members[0]!.personClass;
    const capacity = members.reduce((sum, group) => sum + group.people.length, 0);
    const linked: Flow[] = [];
    for (const destination of classes.values()) {
      if (!sameStage(from.level, destination.level)) continue;
      if (personClass === "backbone" && from.tier !== "strong" && destination.tier === "strong") continue;
      if (destination === from && from.schools.length === 1) continue;
      let preference = cost.move;
      if (personClass === "ordinary" && destination.district !== from.district) preference += cost.ordinaryOutOfDistrict;
      if (personClass === "backbone" && destination.tier !== "weak") preference += cost.backboneNotToWeak;
      const flow = { from, personClass, destination, members, column: model.integer(preference, capacity) };
      flows.push(flow);
      linked.push(flow);
    }
    // what the class's schools send is what flows out of the class; what they send within the
    // class is what flows back into it
    model.row([...members.map((group): [number, number] => [sends.get(group)!, 1]), ...linked.map((flow): [number, number] => [flow.column, -1])], 0, 0);
    const back = linked.find((flow) => flow.destination === from);
    const stays = members.map((group) => staysInClass.get(group)).filter((column) => column !== undefined);
    if (stays.length > 0) model.row([...stays.map((column): [number, number] => [column, 1]), ...(back ? [[back.column, -1] as [number, number]] : [])], 0, 0);
  }

  const groupsBySchool = groupBy([...groups.values()], (group) => group.school.schoolId);
  const sentFrom = (schoolId: string, classesSent: readonly PersonClass[]): [number, number][] =>
    (groupsBySchool.get(schoolId) ?? []).filter((group) => classesSent.includes(group.personClass)).map((group) => [sends.get(group)!, 1]);

  // PLAN-RATIO per school: teachers sent + shortfall ≥ ⌈target × eligible⌉
  const ratioShortfalls = new Map<string, number>();
  for (const school of context.schools) {
    if (school.requiredSends <= 0) continue;
    const short = model.integer(cost.ratioShort, school.requiredSends);
    ratioShortfalls.set(school.schoolId, short);
    model.row([...sentFrom(school.schoolId, ["ordinary", "backbone"]), [short, 1]], school.requiredSends, Number.POSITIVE_INFINITY);
  }

  // PLAN-RATIO for leaders, county-wide (ROT-LEAD15)
  const eligibleLeaders = context.schools.reduce((sum, school) => sum + school.eligibleLeaders, 0);
  const requiredLeaders = ceilShare(eligibleLeaders, context.shares.leaderNumerator, context.shares.leaderDenominator);
  const leaderShort = model.integer(cost.leaderShort, requiredLeaders);
  const leaderGroups = [...groups.values()].filter((group) => group.personClass === "leader");
  model.row([...leaderGroups.map((group): [number, number] => [sends.get(group)!, 1]), [leaderShort, 1]], requiredLeaders, Number.POSITIVE_INFINITY);

  // PLAN-BACKBONE: den·B − num·T + shortfall ≥ 0 over the teachers sent
  const { backboneNumerator: num, backboneDenominator: den } = context.shares;
  const teacherGroups = [...groups.values()].filter((group) => group.personClass !== "leader");
  const backboneShort = model.continuous(cost.backboneShort / Math.max(den, 1), Number.POSITIVE_INFINITY);
  model.row(
    [...teacherGroups.map((group): [number, number] => [sends.get(group)!, (group.personClass === "backbone" ? den : 0) - num]), [backboneShort, 1]],
    0,
    Number.POSITIVE_INFINITY,
  );

  // PLAN-NO-REVERSE: strong → other backbone moves outnumber the reverse (which has no column)
  const strongToOther = flows.filter((flow) => flow.personClass === "backbone" && flow.from.tier === "strong" && flow.destination.tier !== "strong");
  const reverseShort = model.integer(cost.reverseShort, 1);
  // (a county whose schools are all strong, or none, has no direction to keep)
  const tiersDiffer = context.schools.some((school) => school.strong) && context.schools.some((school) => !school.strong);
  if (tiersDiffer) model.row([...strongToOther.map((flow): [number, number] => [flow.column, 1]), [reverseShort, 1]], 1, Number.POSITIVE_INFINITY);

  // r[t]: a class's arrivals shared out among its schools, within each school's quota
  const receives = new Map<string, number>();
  const flowsInto = groupBy(flows, (flow) => flow.destination);
  for (const destination of classes.values()) {
    const arriving = (flowsInto.get(destination) ?? []).map((flow): [number, number] => [flow.column, -1]);
    const columns = destination.schools.map((school) => {
      const column = model.integer(0, Number.POSITIVE_INFINITY);
      receives.set(school.schoolId, column);
      return column;
    });
    model.row([...columns.map((column): [number, number] => [column, 1]), ...arriving], 0, 0);
    for (const school of destination.schools) {
      const r = receives.get(school.schoolId)!;
      const sent = sentFrom(school.schoolId, ["ordinary", "backbone", "leader"]).map(([column]): [number, number] => [column, -1]);
      // PLAN-QUOTA: receive ≤ send + free places; without a quota, receive = send
      model.row([[r, 1], ...sent], school.freePlaces === null ? 0 : Number.NEGATIVE_INFINITY, school.freePlaces ?? 0);
      // nobody is received from their own school: r[t] + t's own people into t's class ≤ arrivals
      const ownStays = (groupsBySchool.get(school.schoolId) ?? []).map((group) => staysInClass.get(group)).filter((column) => column !== undefined);
      if (destination.schools.length > 1) model.row([[r, 1], ...ownStays.map((column): [number, number] => [column, 1]), ...arriving], Number.NEGATIVE_INFINITY, 0);
    }
  }

  const highs = await loadHighs();
  const solution = model.solve(highs, solverTimeLimitSeconds);
  const value = (column: number): number => Math.round(solution.values[column] ?? 0);

  // who goes: within a group the longest-serving; those who stay in the class first
  const leaving = new Map<string, { stay: PlanPerson[]; out: PlanPerson[] }>();
  for (const [key, members] of senders) {
    const entry = { stay: [] as PlanPerson[], out: [] as PlanPerson[] };
    for (const group of members) {
      const going = group.people.slice(0, value(sends.get(group)!));
      const stay = staysInClass.has(group) ? value(staysInClass.get(group)!) : 0;
      entry.stay.push(...going.slice(0, stay));
      entry.out.push(...going.slice(stay));
    }
    leaving.set(key, entry);
  }
  // where: each flow takes its count from its sending class, in a fixed order
  const arrivals = new Map<SchoolClass, PlanPerson[]>();
  for (const flow of [...flows].sort((a, b) => byCode(a.destination.key, b.destination.key))) {
    const entry = leaving.get(`${flow.from.key}|${flow.personClass}`)!;
    const pool = flow.destination === flow.from ? entry.stay : entry.out;
    const list = arrivals.get(flow.destination) ?? [];
    list.push(...pool.splice(0, value(flow.column)));
    arrivals.set(flow.destination, list);
  }
  const shortSubjects = subjectsShort(context);
  const moves: PlanMove[] = [];
  for (const [destination, people] of arrivals) {
    const quotas = new Map(destination.schools.map((school) => [school.schoolId, value(receives.get(school.schoolId)!)]));
    for (const { person, toSchoolId } of shareOut(people, quotas, shortSubjects)) {
      moves.push({ staffId: person.staffId, fromSchoolId: person.schoolId, toSchoolId, kind: "between_schools" });
    }
  }
  const movedIds = new Set(moves.map((move) => move.staffId));

  // ROT-MC6 post rotations inside the school, for middle cadres not leaving it
  for (const person of context.people) {
    if (!person.postRotationDue || movedIds.has(person.staffId)) continue;
    if (waiting.has(person.staffId)) {
      if (!unplaced.some((entry) => entry.staffId === person.staffId)) {
        unplaced.push({ staffId: person.staffId, fromSchoolId: person.schoolId, reasonRuleId: "PLAN-HEAD-FIRST", headStaffId: waiting.get(person.staffId)! });
      }
      continue;
    }
    moves.push({ staffId: person.staffId, fromSchoolId: person.schoolId, toSchoolId: person.schoolId, kind: "post_rotation" });
  }

  // where a school's ratio gave way, the people who would have gone, and why they could not
  for (const [schoolId, column] of ratioShortfalls) {
    const short = value(column);
    if (short <= 0) continue;
    const school = schools.get(schoolId)!;
    const candidates = [...groups.values()]
      .filter((group) => group.school.schoolId === schoolId && group.personClass !== "leader")
      .flatMap((group) => group.people)
      .filter((person) => !movedIds.has(person.staffId))
      .sort(longestServingFirst)
      .slice(0, short);
    const anyStage = context.schools.some((other) => other.schoolId !== schoolId && sameStage(school.level, other.level));
    for (const person of candidates) {
      unplaced.push({ staffId: person.staffId, fromSchoolId: schoolId, reasonRuleId: anyStage ? "PLAN-QUOTA" : "PLAN-LEVEL" });
    }
  }
  const leaderShortfall = value(leaderShort);
  if (leaderShortfall > 0) {
    const candidates = [...groups.values()]
      .filter((group) => group.personClass === "leader")
      .flatMap((group) => group.people)
      .filter((person) => !movedIds.has(person.staffId))
      .sort(longestServingFirst)
      .slice(0, leaderShortfall);
    for (const person of candidates) unplaced.push({ staffId: person.staffId, fromSchoolId: person.schoolId, reasonRuleId: "PLAN-QUOTA" });
  }

  moves.sort((a, b) => byCode(a.fromSchoolId, b.fromSchoolId) || byCode(a.staffId, b.staffId));
  unplaced.sort((a, b) => byCode(a.fromSchoolId, b.fromSchoolId) || byCode(a.staffId, b.staffId));
  return {
    moves,
    unplaced,
    gaveWay: {
      ratio: Object.fromEntries([...ratioShortfalls].map(([schoolId, column]) => [schoolId, value(column)]).filter(([, short]) => Number(short) > 0)),
      leaders: leaderShortfall,
      backbone: Math.ceil(solution.values[backboneShort]! / Math.max(den, 1) - 1e-9),
      reverse: value(reverseShort) > 0,
    },
    solver: { ...solution.summary, columns: model.columns, rows: model.rows, seconds: (performance.now() - started) / 1000 },
  };
}

/**
 * The subjects each school is short of (digest §7: per quota, against the county): a school whose
 * teachers of a subject, per place of its quota (its headcount without one), are fewer than the
 * county's. Counted over the teachers and cadres the round judges.
 */
export function subjectsShort(context: PlanContext): Map<string, Set<string>> {
  const bySchool = new Map<string, Map<string, number>>();
  const county = new Map<string, number>();
  for (const person of context.people) {
    if (!person.subject || person.postGroup === "leader") continue;
    const counts = bySchool.get(person.schoolId) ?? new Map<string, number>();
    counts.set(person.subject, (counts.get(person.subject) ?? 0) + 1);
    bySchool.set(person.schoolId, counts);
    county.set(person.subject, (county.get(person.subject) ?? 0) + 1);
  }
  const places = (school: PlanSchool) => school.staffQuota ?? school.headcount;
  const countyPlaces = context.schools.reduce((sum, school) => sum + places(school), 0);
  const short = new Map<string, Set<string>>();
  for (const school of context.schools) {
    const counts = bySchool.get(school.schoolId);
    const subjects = new Set<string>();
    // count ÷ places < county count ÷ county places, cross-multiplied
    for (const [subject, total] of county) if ((counts?.get(subject) ?? 0) * countyPlaces < total * places(school)) subjects.add(subject);
    short.set(school.schoolId, subjects);
  }
  return short;
}

/**
 * Shares a class's arrivals out among its schools, each receiving exactly its count and nobody
 * their own school. The solver's rows make this possible (each school's arrivals plus its own
 * people into the class are at most the class's arrivals); placing the most constrained school
 * first, and for it someone from the school with most still to place, keeps it possible to the
 * end. Of that school's people, one teaching a subject the receiving school is short of goes first.
 */
export function shareOut(
  people: readonly PlanPerson[],
  quotas: ReadonlyMap<string, number>,
  shortSubjects: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
): { person: PlanPerson; toSchoolId: string }[] {
  const bySchool = groupBy(people, (person) => person.schoolId);
  const left = new Map(quotas);
  const placed: { person: PlanPerson; toSchoolId: string }[] = [];
  let remaining = people.length;
  while (remaining > 0) {
    // the receiving school with the most still to receive plus to send into the class
    let target: string | undefined;
    let targetLoad = -1;
    for (const [schoolId, count] of left) {
      if (count <= 0) continue;
      const load = count + (bySchool.get(schoolId)?.length ?? 0);
      if (load > targetLoad || (load === targetLoad && schoolId < target!)) [target, targetLoad] = [schoolId, load];
    }
    if (target === undefined) throw new Error("plan: the solver's receive counts do not add up to the class's arrivals");
    let source: string | undefined;
    let sourceLoad = -1;
    for (const [schoolId, list] of bySchool) {
      if (schoolId === target || list.length === 0) continue;
      const load = list.length + (left.get(schoolId) ?? 0);
      if (load > sourceLoad || (load === sourceLoad && schoolId < source!)) [source, sourceLoad] = [schoolId, load];
    }
    if (source === undefined) throw new Error(`plan: school ${target} would receive its own staff`);
    const waiting = bySchool.get(source)!;
    const short = shortSubjects.get(target);
    const index = Math.max(0, waiting.findIndex((person) => person.subject !== null && short?.has(person.subject) === true));
    placed.push({ person: waiting.splice(index, 1)[0]!, toSchoolId: target });
    left.set(target, left.get(target)! - 1);
    remaining--;
  }
  return placed;
}

/** Columns, rows and costs, passed to HiGHS as arrays (an LP-format string costs more to build and parse). */
class ModelBuilder {
  private readonly costs: number[] = [];
  private readonly upper: number[] = [];
  private readonly integrality: number[] = [];
  private readonly rowLower: number[] = [];
  private readonly rowUpper: number[] = [];
  private readonly starts: number[] = [0];
  private readonly indices: number[] = [];
  private readonly values: number[] = [];

  get columns(): number {
    return this.costs.length;
  }

  get rows(): number {
    return this.rowLower.length;
  }

  integer(costPerUnit: number, upper: number): number {
    return this.column(costPerUnit, upper, 1);
  }

  continuous(costPerUnit: number, upper: number): number {
    return this.column(costPerUnit, upper, 0);
  }

  private column(costPerUnit: number, upper: number, integrality: number): number {
    this.costs.push(costPerUnit);
    this.upper.push(upper);
    this.integrality.push(integrality);
    return this.costs.length - 1;
  }

  row(terms: readonly (readonly [number, number])[], lower: number, upper: number): void {
    for (const [column, coefficient] of terms) {
      this.indices.push(column);
      this.values.push(coefficient);
    }
    this.starts.push(this.indices.length);
    this.rowLower.push(lower);
    this.rowUpper.push(upper);
  }

  solve(highs: Highs, timeLimitSeconds: number): { values: Float64Array; summary: { status: string; gap: number } } {
    const numCols = this.costs.length;
    if (numCols === 0) return { values: new Float64Array(), summary: { status: "empty", gap: 0 } };
    const infinity = highs.infinity;
    const finite = (bound: number) => (bound === Number.POSITIVE_INFINITY ? infinity : bound === Number.NEGATIVE_INFINITY ? -infinity : bound);
    return highs.withModel(
      {
        numCols,
        numRows: this.rowLower.length,
        colCost: this.costs,
        colLower: new Array<number>(numCols).fill(0),
        colUpper: this.upper.map(finite),
        rowLower: this.rowLower.map(finite),
        rowUpper: this.rowUpper.map(finite),
        matrix: { format: "csr", numRows: this.rowLower.length, numCols, starts: this.starts, indices: this.indices, values: this.values },
        integrality: this.integrality as never,
      },
      (model) => {
        model.options.set({ output_flag: false, time_limit: timeLimitSeconds });
        model.run();
        const status = model.getModelStatus();
        const names = Object.entries(highs.constants.modelStatus).find(([, code]) => code === status)?.[0] ?? String(status);
        if (status !== highs.constants.modelStatus.optimal && status !== highs.constants.modelStatus.timeLimit) {
          throw new Error(`plan: HiGHS stopped with status ${names}; the model always has a solution (every requirement may give way), so this is a bug`);
        }
        const gap = Number(model.info.get("mip_gap"));
        return { values: model.getSolution().colValue, summary: { status: names, gap: Number.isFinite(gap) ? gap : 0 } };
      },
    );
  }
}
