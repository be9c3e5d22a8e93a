/**
 * sql/marts/rotation_due.sql and rotation_compliance.sql with arquero: the decision columns only
 * (who is due or exempt, how many are eligible and were sent, targets and whether they were met).
 * Explanation sentences are written once, in SQL; the comparison checks what was decided.
 */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { dayOf } from "./days.ts";
import type { RawTables } from "./load.ts";
import { rotationEligibility, stage } from "./eligibility.ts";
import type { PolicyLookup } from "./policy.ts";

const { op, escape } = aq;
type Row = Record<string, any>;
/** Join keys shared by both tables (a bare two-name array would mean left key, right key). */
const on = (...names: string[]): [string[], string[]] => [names, names];
const isNull = (value: unknown): value is null | undefined => value === null || value === undefined;
/** SQL division by nullif(b, 0). */
const divide = (a: number, b: number): number | null => (b === 0 ? null : a / b);
/** share_at_least: part ÷ whole ≥ n ÷ d, cross-multiplied; null when whole is 0. */
const shareAtLeast = (part: number, whole: number, [n, d]: [number, number]): boolean | null => (whole === 0 ? null : part * d >= whole * n);
/** DuckDB round(x, digits) for doubles: std::round(x × 10^digits) ÷ 10^digits. */
const roundTo = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;
const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const lcm = (a: number, b: number): number => (a / gcd(a, b)) * b;

/** What the benchmark compares with the SQL models' CSVs: decisions, not prose. */
export const decisionColumns = {
  rotation_due: ["staff_id", "school_id", "due", "exempt", "years_in_school", "age", "gender", "post", "rule_id", "rotation_rule_id"],
  rotation_compliance: [
    "school_id", "school_year", "eligible", "rotated", "rotated_eligible", "ratio", "target", "met", "target_applies",
    "backbone_rotated", "eligible_backbone", "backbone_share", "backbone_target", "backbone_met",
    "eligible_leaders", "rotated_leaders", "leader_target", "leader_met", "is_complete", "rotated_in", "rotated_out",
  ],
} as const;

export function rotationDue(eligibility: ColumnTable): ColumnTable {
  return eligibility
    .filter((d: Row) => d.is_as_of === true)
    .derive({
      due: escape((d: Row) => d.is_due),
      exempt: escape((d: Row) => d.is_exempt),
      years_in_school_shown: escape((d: Row) => Math.floor(d.years_in_school * 100) / 100),
      rule_id: escape((d: Row) => (d.is_exempt ? "ROT-EXEMPT" : d.base_rule_id)),
      rotation_rule_id: escape((d: Row) => d.base_rule_id),
    })
    .select("staff_id", "school_id", "due", "exempt", { years_in_school_shown: "years_in_school" }, "age", "gender", "post", "rule_id", "rotation_rule_id")
    .orderby("school_id", "staff_id");
}

/** int_rotation_moves: who each school sent and received in each round. */
function moves(staged: ReturnType<typeof stage>, eligibility: ColumnTable): ColumnTable {
  const between = staged.rotations.filter((d: Row) => d.is_between_schools === true);
  const leaders = staged.appointments.filter((d: Row) => d.post_group === "leader").select("staff_id", "school_id", "start_date", "end_date_or_open");
  const sent = between.select("school_year", "staff_id", { from_school_id: "school_id" }, "start_date").derive({ direction: () => "out" });
  const received = between.select("school_year", "staff_id", { to_school_id: "school_id" }, "start_date").derive({ direction: () => "in" });
  // a school leader held a leader post at the sending school the day before
  const leaderMoves = sent
    .join(leaders, on("staff_id", "school_id"))
    .filter((d: Row) => d.start_date_2 < d.start_date_1 && d.end_date_or_open >= d.start_date_1 - 1)
    .select("school_year", "school_id", "staff_id")
    .dedupe()
    .derive({ is_leader: () => true });
  const eligibleThere = eligibility
    .filter((d: Row) => d.school_year !== null && d.is_due === true)
    .select("school_year", "school_id", "staff_id")
    .dedupe()
    .derive({ was_eligible: () => true });
  return sent
    .concat(received)
    .select("school_year", "school_id", "staff_id", "direction")
    .dedupe()
    .join_left(leaderMoves, on("school_year", "school_id", "staff_id"))
    .join_left(eligibleThere, on("school_year", "school_id", "staff_id"))
    .join_left(staged.staff.select("staff_id", "is_tenured", "is_backbone"), "staff_id")
    .derive({
      is_leader: escape((d: Row) => d.direction === "out" && d.is_leader === true),
      was_eligible: escape((d: Row) => d.direction === "out" && d.was_eligible === true),
      is_tenured: escape((d: Row) => d.is_tenured === true),
      is_backbone: escape((d: Row) => d.is_backbone === true),
    });
}

export function rotationCompliance(eligibility: ColumnTable, years: ColumnTable, staged: ReturnType<typeof stage>, policy: PolicyLookup, asOf: number): ColumnTable {
  const eligible = eligibility
    .filter((d: Row) => d.school_year !== null && d.is_due === true)
    .groupby("school_year", "school_id")
    .rollup({
      eligible: (d: Row) => op.sum(d.post_group !== "leader" ? 1 : 0),
      eligible_backbone: (d: Row) => op.sum(d.post_group !== "leader" && d.is_backbone ? 1 : 0),
      eligible_leaders: (d: Row) => op.sum(d.post_group === "leader" ? 1 : 0),
    });
  const onlyEligible = (year: number) => policy.text("ROT-RATIO", "count_only_eligible", dayOf(year, 8, 31)) === "true";
  const counted = moves(staged, eligibility)
    .groupby("school_year", "school_id")
    .rollup({
      sent_teachers: (d: Row) => op.sum(d.direction === "out" && d.is_tenured && !d.is_leader ? 1 : 0),
      rotated_eligible: (d: Row) => op.sum(d.direction === "out" && d.is_tenured && !d.is_leader && d.was_eligible ? 1 : 0),
      sent_backbone: (d: Row) => op.sum(d.direction === "out" && d.is_tenured && !d.is_leader && d.is_backbone ? 1 : 0),
      eligible_backbone_sent: (d: Row) => op.sum(d.direction === "out" && d.is_tenured && !d.is_leader && d.is_backbone && d.was_eligible ? 1 : 0),
      rotated_leaders: (d: Row) => op.sum(d.direction === "out" && d.is_tenured && d.is_leader ? 1 : 0),
      rotated_in: (d: Row) => op.sum(d.direction === "in" ? 1 : 0),
      rotated_out: (d: Row) => op.sum(d.direction === "out" ? 1 : 0),
    });
  const perSchool = years
    .cross(staged.schools.select("school_id", "tier", "is_urban_or_town", "is_remote", "phase_in_until"))
    .join_left(eligible, on("school_year", "school_id"))
    .join_left(counted, on("school_year", "school_id"))
    .derive({
      eligible: escape((d: Row) => d.eligible ?? 0),
      eligible_backbone: escape((d: Row) => d.eligible_backbone ?? 0),
      eligible_leaders: escape((d: Row) => d.eligible_leaders ?? 0),
      // count_only_eligible: only the eligible ones count as rotated
      rotated: escape((d: Row) => (onlyEligible(d.school_year) ? d.rotated_eligible : d.sent_teachers) ?? 0),
      rotated_eligible: escape((d: Row) => d.rotated_eligible ?? 0),
      backbone_rotated: escape((d: Row) => (onlyEligible(d.school_year) ? d.eligible_backbone_sent : d.sent_backbone) ?? 0),
      rotated_leaders: escape((d: Row) => d.rotated_leaders ?? 0),
      rotated_in: escape((d: Row) => d.rotated_in ?? 0),
      rotated_out: escape((d: Row) => d.rotated_out ?? 0),
      // ROT-RATIO: the tier's target, raised to the 城镇 target for urban and town schools, as a fraction
      target_fraction: escape((d: Row) => {
        const candidates = [policy.fraction("ROT-RATIO", `target_${d.tier}`, d.eligibility_date)];
        if (d.is_urban_or_town === true) candidates.push(policy.fraction("ROT-RATIO", "target_urban_or_town", d.eligibility_date));
        return candidates.filter((f): f is [number, number] => f !== null).sort((a, b) => b[0] / b[1] - a[0] / a[1] || b[0] - a[0])[0];
      }),
      // ROT-REMOTE: no target for a remote school, nor in the phase-in's last years up to phase_in_until
      target_applies: escape((d: Row) => d.is_remote !== true && (isNull(d.phase_in_until) || d.school_year > d.phase_in_until
        || d.school_year <= d.phase_in_until - policy.number("ROT-REMOTE", "phase_in_max_years", d.eligibility_date)!)),
    });
  // the county owes what its schools owe, over everyone eligible, on a common denominator
  const schoolRows = perSchool.objects() as Row[];
  const countyRows = (years.objects() as Row[]).map((year): Row => {
    const rows = schoolRows.filter((row) => row.school_year === year.school_year);
    const sum = (key: string) => rows.reduce((total, row) => total + row[key], 0);
    const applying = rows.filter((row) => row.target_applies);
    const common = applying.reduce((d, row) => lcm(d, row.target_fraction[1]), 1);
    const required = applying.reduce((n, row) => n + row.eligible * row.target_fraction[0] * (common / row.target_fraction[1]), 0);
    const eligibleTotal = sum("eligible");
    return {
      ...year, school_id: "ALL", target_applies: applying.length > 0,
      eligible: eligibleTotal, eligible_backbone: applying.reduce((n, row) => n + row.eligible_backbone, 0),
      eligible_leaders: sum("eligible_leaders"), rotated: sum("rotated"), rotated_eligible: sum("rotated_eligible"),
      backbone_rotated: sum("backbone_rotated"), rotated_leaders: sum("rotated_leaders"), rotated_in: sum("rotated_in"), rotated_out: sum("rotated_out"),
      target_fraction: [required, common * eligibleTotal],
      mean_target: rows.reduce((total, row) => total + row.target_fraction[0] / row.target_fraction[1], 0) / rows.length,
    };
  });
  return aq.from([...schoolRows, ...countyRows].map((row) => {
    const [n, d] = row.target_fraction as [number, number];
    const backbone = policy.fraction("ROT-BACKBONE", "min_share", row.eligibility_date)!;
    const leaders = policy.fraction("ROT-LEAD15", "target", row.eligibility_date)!;
    return {
      school_id: row.school_id,
      school_year: row.school_year,
      eligible: row.eligible,
      rotated: row.rotated,
      rotated_eligible: row.rotated_eligible,
      ratio: divide(row.rotated, row.eligible),
      target: roundTo(d === 0 ? row.mean_target : n / d, 6),
      met: row.target_applies && row.eligible !== 0 ? shareAtLeast(row.rotated, row.eligible, [n, d]) : null,
      target_applies: row.target_applies,
      backbone_rotated: row.backbone_rotated,
      eligible_backbone: row.eligible_backbone,
      backbone_share: divide(row.backbone_rotated, row.rotated),
      backbone_target: backbone[0] / backbone[1],
      backbone_met: shareAtLeast(row.backbone_rotated, row.rotated, backbone),
      eligible_leaders: row.eligible_leaders,
      rotated_leaders: row.rotated_leaders,
      leader_target: policy.number("ROT-LEAD15", "target", row.eligibility_date),
      leader_met: shareAtLeast(row.rotated_leaders, row.eligible_leaders, leaders),
      // the round is still running on the as-of date: its figures are so far, not final
      is_complete: row.round_ends_on <= asOf,
      rotated_in: row.rotated_in,
      rotated_out: row.rotated_out,
    };
  }));
}

/** Both marts from the raw tables: what the benchmark times. */
export function rotationMarts(raw: RawTables, policy: PolicyLookup, asOf: number): { rotation_due: ColumnTable; rotation_compliance: ColumnTable } {
  const staged = stage(raw, asOf, policy);
  const { eligibility, years } = rotationEligibility(staged, policy, asOf);
  return { rotation_due: rotationDue(eligibility), rotation_compliance: rotationCompliance(eligibility, years, staged, policy, asOf) };
}
