/**
 * The rotation rules of sql/intermediate (int_people_on_dates → int_rotation_eligibility) written
 * with arquero verbs, one function per model, so the two paths can be read side by side. One row
 * per evaluation (records date, evaluation date) × tenured teacher, middle cadre or leader in post
 * on the records date: due by ROT-T9 (teachers, middle cadres) or ROT-P3 (leaders), held back by a
 * valid exemption (ROT-EXEMPT). The variant switches (ROT-EXEMPT-RET, ROT-DEFER, ROT-RATIO-ALT) are
 * not re-implemented here: the benchmark runs the default policy, and this path refuses any other.
 */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { addPolicyYears, ageOn, decimalYears, greatest, least, monthsBetween, monthStart, addMonths, dayOf, parts } from "./days.ts";
import type { RawTables } from "./load.ts";
import { referenceTable, type PolicyLookup } from "./policy.ts";

const { op, escape, desc } = aq;
type Row = Record<string, any>;
/** Join keys shared by both tables (a bare two-name array would mean left key, right key). */
const on = (...names: string[]): [string[], string[]] => [names, names];
const isNull = (value: unknown): value is null | undefined => value === null || value === undefined;

/** SQL's three-valued AND: false wins, then unknown. */
const and3 = (a: boolean | null, b: boolean | null): boolean | null => (a === false || b === false ? false : a === null || b === null ? null : true);
/** SQL comparison: unknown when either side is NULL. */
const atLeast = (a: number | null | undefined, b: number | null | undefined): boolean | null => (isNull(a) || isNull(b) ? null : a >= b);

export interface Staged {
  appointments: ColumnTable;
  rotations: ColumnTable;
  exemptions: ColumnTable;
  staff: ColumnTable;
  schools: ColumnTable;
}

/** sql/staging: records visible on the as-of date, codes joined to their reference rows. */
/** ROT-YEAR: the day school year Y's round opens (round_opens in force on Y-08-31), and the round a day falls in. */
export function roundOpensOn(policy: PolicyLookup, year: number): number {
  const [month, day] = policy.text("ROT-YEAR", "round_opens", dayOf(year, 8, 31))!.split("-").map(Number) as [number, number];
  return dayOf(year, month, day);
}
export function roundYearOf(policy: PolicyLookup, day: number): number {
  const [year] = parts(day);
  return day >= roundOpensOn(policy, year) ? year : year - 1;
}

/** The variants this path does not implement must be off on every day the rules look at. */
export function refuseVariants(policy: PolicyLookup): void {
  for (const [rule, key] of [["ROT-EXEMPT-RET", "enabled"], ["ROT-DEFER", "enabled"], ["ROT-RATIO-ALT", "enabled"]] as const) {
    if (policy.values(rule, key).some((value) => value === "true")) {
      throw new Error(`the arquero path implements the default variants only: ${rule}.${key} is switched on in this policy.`);
    }
  }
}

export function stage(raw: RawTables, asOf: number, policy: PolicyLookup): Staged {
  const posts = referenceTable("ref_posts").select("post", "post_group", "post_rank", "is_worker_post");
  const appointments = raw.appointments
    .filter(escape((d: Row) => d.start_date <= asOf))
    // an end date after the as-of date is not known yet: the person is still in post
    .derive({ end_date_or_open: escape((d: Row) => (!isNull(d.end_date) && d.end_date <= asOf ? d.end_date : Infinity)) })
    .join(posts, "post");
  const rotations = raw.rotations
    .filter(escape((d: Row) => d.start_date <= asOf))
    .join(referenceTable("ref_rotation_types").select("rotation_type", "is_between_schools", "moves_relation_when_blank"), [["type"], ["rotation_type"]])
    .derive({
      end_date: escape((d: Row) => (!isNull(d.end_date) && d.end_date <= asOf ? d.end_date : null)),
      // an empty 人事关系随迁 reads 是 for 校际交流, 集团内交流 and 片区交流, 否 for the others
      is_relation_moved: escape((d: Row) => (isNull(d.relation_moved) ? d.moves_relation_when_blank : d.relation_moved === true)),
      school_year: escape((d: Row) => roundYearOf(policy, d.start_date)),
    });
  const exemptions = raw.exemptions
    .filter(escape((d: Row) => d.start_date <= asOf))
    .join(referenceTable("ref_exemption_reasons"), "reason");
  const staff = raw.staff
    .join_left(referenceTable("ref_genders"), "gender")
    .derive({
      is_backbone: escape((d: Row) => !isNull(d.backbone)),
      is_tenured: escape((d: Row) => (isNull(d.employment) ? null : d.employment === "tenured")),
    });
  const schools = raw.schools
    .join_left(referenceTable("ref_locations"), "location")
    .join_left(referenceTable("ref_tiers").select("tier", "is_strong"), "tier")
    .derive({ is_remote: escape((d: Row) => d.remote === true) });
  return { appointments, rotations, exemptions, staff, schools };
}

/** int_school_years: the rounds from the first with a rotation to the one the as-of date falls in. */
export function schoolYears(rotations: ColumnTable, asOf: number, policy: PolicyLookup): ColumnTable {
  const last = roundYearOf(policy, asOf);
  const first = rotations.numRows() > 0 ? (rotations.rollup({ first: op.min("school_year") }).get("first", 0) as number) : last;
  const years = Array.from({ length: last - first + 1 }, (_, index) => first + index);
  return aq.table({
    school_year: years,
    records_date: years.map((year) => roundOpensOn(policy, year) - 1),
    eligibility_date: years.map((year) => dayOf(year, 8, 31)),
    round_ends_on: years.map((year) => roundOpensOn(policy, year + 1) - 1),
  });
}

/** int_evaluation_dates: the as-of date on itself; each round on its eve's records, ages on Y-08-31, years through it. */
export function evaluations(years: ColumnTable, asOf: number): ColumnTable {
  const found = new Map<string, Row>([[`${asOf}|${asOf}|${asOf}`, { records_date: asOf, evaluation_date: asOf, years_counted_to: asOf, school_year: null, is_as_of: true }]]);
  for (const year of years.objects() as Row[]) {
    const row = { records_date: year.records_date, evaluation_date: year.eligibility_date, years_counted_to: year.eligibility_date + 1, school_year: year.school_year, is_as_of: false };
    const key = `${row.records_date}|${row.evaluation_date}|${row.years_counted_to}`;
    if (found.has(key)) found.get(key)!.school_year = year.school_year;
    else found.set(key, row);
  }
  return aq.from([...found.values()].map((row, index) => ({ evaluation_id: index, ...row })));
}

/** int_people_on_dates: each person's highest post on each records date. */
export function peopleOnDates(staged: Staged, dates: readonly number[]): ColumnTable {
  const holdings = dates
    .map((date) =>
      staged.appointments
        .filter(escape((d: Row) => d.start_date <= date && d.end_date_or_open >= date))
        .derive({ records_date: escape(() => date) }),
    )
    .reduce((all, table) => all.concat(table));
  const staff = staged.staff.select("staff_id", "gender", "gender_zh", "birth_date", "is_tenured", "is_backbone");
  return holdings
    .groupby("records_date", "staff_id")
    .orderby("post_rank", "start_date", "school_id", "appointment_id")
    .filter(() => op.row_number() === 1)
    .ungroup()
    .unorder()
    .select("records_date", "staff_id", "school_id", "post", "post_group")
    .join(staff, "staff_id");
}

/** Records that touch or overlap (next start ≤ previous reach + 1 day) merge into one stretch. */
export function mergeStretches(records: ColumnTable, keys: string[]): ColumnTable {
  return records
    .groupby(...keys)
    .orderby("start_date", "end_date_or_open", "appointment_id")
    .derive({ reach: aq.rolling((d: Row) => op.max(d.end_date_or_open)) })
    .derive({ previous_reach: (d: Row) => op.lag(d.reach, 1) })
    .derive({ is_new: (d: Row) => (d.previous_reach == null || d.start_date > d.previous_reach + 1 ? 1 : 0) })
    .derive({ stretch_number: aq.rolling((d: Row) => op.sum(d.is_new)) })
    .groupby(...keys, "stretch_number")
    .rollup({ stretch_start: op.min("start_date"), stretch_end: op.max("end_date_or_open") })
    .ungroup();
}

/** int_years_in_school: continuous attachment on the records date, counted to the evaluation date, minus temporary rotations away (ROT-SUPPORT). */
export function yearsInSchool(people: ColumnTable, staged: Staged, evaluated: ColumnTable): ColumnTable {
  const attachments = mergeStretches(staged.appointments.select("appointment_id", "staff_id", "school_id", "start_date", "end_date_or_open"), ["staff_id", "school_id"]);
  const current = people
    .select("records_date", "staff_id", "school_id")
    .join(evaluated.select("evaluation_id", "records_date", "years_counted_to"), "records_date")
    .join(attachments, on("staff_id", "school_id"))
    .filter(escape((d: Row) => d.stretch_start <= d.records_date && d.stretch_end >= d.records_date))
    .select("evaluation_id", "records_date", "years_counted_to", "staff_id", "school_id", { stretch_start: "attachment_start" });
  const rotations = staged.rotations.filter(escape((d: Row) => d.is_between_schools === true))
    .select("staff_id", "from_school_id", "to_school_id", "start_date", "end_date", "is_relation_moved");
  // a rotation with the relation moved (人事关系随迁) starts a new attachment whatever the appointments say
  const latestMove = current
    .join(rotations.filter((d: Row) => d.is_relation_moved), "staff_id")
    .filter(escape((d: Row) => (d.school_id === d.to_school_id || d.school_id === d.from_school_id)
      && d.start_date > d.attachment_start && d.start_date <= d.records_date))
    .groupby("evaluation_id", "staff_id")
    .rollup({ moved_on: op.max("start_date") });
  const started = current
    .join_left(latestMove, on("evaluation_id", "staff_id"))
    .derive({ attachment_start: escape((d: Row) => greatest(d.attachment_start, d.moved_on ?? null)) })
    .select("evaluation_id", "records_date", "years_counted_to", "staff_id", "school_id", "attachment_start");
  // 支教 and other temporary stretches away, cut to the attachment and to years_counted_to; an end
  // not yet on the records of the records date leaves the stretch running
  const away = started
    .join(rotations.filter((d: Row) => !d.is_relation_moved), "staff_id")
    .derive({ known_end: escape((d: Row) => (!isNull(d.end_date) && d.end_date <= d.records_date ? d.end_date : null)) })
    .filter(escape((d: Row) => d.from_school_id === d.school_id && d.start_date <= d.records_date
      && (d.known_end ?? d.years_counted_to) >= d.attachment_start))
    .derive({
      piece: escape((d: Row) => decimalYears(
        greatest(d.start_date, d.attachment_start),
        least(isNull(d.known_end) ? d.years_counted_to : d.known_end + 1, d.years_counted_to),
      )),
    })
    .groupby("evaluation_id", "staff_id")
    .rollup({ away_years: op.sum("piece") });
  return started
    .join_left(away, on("evaluation_id", "staff_id"))
    .derive({
      away_years: escape((d: Row) => d.away_years ?? 0),
      years_in_school: escape((d: Row) => Math.max(0, decimalYears(d.attachment_start, d.years_counted_to)! - (d.away_years ?? 0))),
    });
}

/** int_retirement_dates: birth month + old age + delay (digest §6), on the track of the last post. */
export function retirementDates(staged: Staged, policy: PolicyLookup, asOf: number): ColumnTable {
  const settings = policy.keysOn("RETIRE", asOf);
  const trackNames = [...new Set(settings.map((row) => row.key.split(".")[0]!))];
  const tracks = trackNames.map((track) => {
    const value = (setting: string) => settings.find((row) => row.key === `${track}.${setting}`);
    return {
      gender: track === "male" ? "M" : "F",
      isWorkerTrack: track === "female_50",
      oldAge: value("old_age_years")!.num_value!,
      firstBirthMonth: dayOf(...(value("first_birth_month")!.text_value!.split("-").map(Number) as [number, number, number])),
      step: value("step_months")!.num_value!,
      maxDelay: value("max_delay_months")!.num_value!,
    };
  });
  const latestPost = staged.appointments
    .groupby("staff_id")
    .orderby(desc("end_date_or_open"), "post_rank", "appointment_id")
    .filter(() => op.row_number() === 1)
    .ungroup()
    .select("staff_id", "is_worker_post");
  return staged.staff
    .select("staff_id", "gender", "birth_date")
    .join_left(latestPost, "staff_id")
    .derive({
      retirement_date: escape((d: Row) => {
        const track = tracks.find((t) => t.gender === d.gender && (d.gender === "M" || t.isWorkerTrack === (d.is_worker_post ?? false)));
        if (!track || isNull(d.birth_date)) return null;
        const n = monthsBetween(track.firstBirthMonth, monthStart(d.birth_date)) + 1;
        const delay = n <= 0 ? 0 : Math.min(Math.ceil(n / track.step), track.maxDelay);
        return addMonths(monthStart(d.birth_date), track.oldAge * 12 + delay);
      }),
    })
    .select("staff_id", "retirement_date");
}

/** int_exemptions_valid: signature course / major project exemptions capped at the maximum. */
export function exemptionsValid(staged: Staged, policy: PolicyLookup): ColumnTable {
  return staged.exemptions.derive({
    max_years: escape((d: Row) => policy.number("ROT-EXEMPT", "max_extension_years", d.start_date)),
  }).derive({
    cap_end: escape((d: Row) => (isNull(d.max_years) ? null : addPolicyYears(d.start_date, d.max_years) - 1)),
  }).derive({
    valid_until: escape((d: Row) => (d.is_capped ? least(d.end_date ?? null, d.cap_end) : d.end_date ?? null)),
    is_cut_to_maximum: escape((d: Row) => and3(d.is_capped, isNull(d.end_date) || isNull(d.cap_end) ? null : d.end_date > d.cap_end)),
  });
}

/** int_rotation_eligibility (the default variants: holds are valid exemptions only). */
export function rotationEligibility(staged: Staged, policy: PolicyLookup, asOf: number): { eligibility: ColumnTable; years: ColumnTable } {
  refuseVariants(policy);
  const years = schoolYears(staged.rotations, asOf, policy);
  const evaluated = evaluations(years, asOf).derive({
    t9_years: escape((d: Row) => policy.number("ROT-T9", "years_in_school", d.evaluation_date)),
    t9_max_age_male: escape((d: Row) => policy.number("ROT-T9", "max_age_male", d.evaluation_date)),
    t9_max_age_female: escape((d: Row) => policy.number("ROT-T9", "max_age_female", d.evaluation_date)),
    p3_years: escape((d: Row) => policy.number("ROT-P3", "years_in_post", d.evaluation_date)),
    p3_margin_years: escape((d: Row) => policy.number("ROT-P3", "retirement_margin_years", d.evaluation_date)),
  });
  const people = peopleOnDates(staged, [...new Set(evaluated.array("records_date") as number[])]);
  const inSchool = yearsInSchool(people, staged, evaluated).select("evaluation_id", "staff_id", "years_in_school", "away_years");
  const leaderSpells = mergeStretches(
    staged.appointments.filter((d: Row) => d.post_group === "leader").select("appointment_id", "staff_id", "school_id", "start_date", "end_date_or_open"),
    ["staff_id", "school_id"],
  );
  // rotation applies to 在编 teachers and cadres, not to support, service or awaiting staff
  const candidates = people
    .filter(escape((d: Row) => d.is_tenured === true && ["leader", "middle", "teacher"].includes(d.post_group)))
    .join(evaluated, "records_date");
  const leaderSince = candidates
    .select("evaluation_id", "records_date", "staff_id", "school_id")
    .join(leaderSpells, on("staff_id", "school_id"))
    .filter(escape((d: Row) => d.stretch_start <= d.records_date && d.stretch_end >= d.records_date))
    .select("evaluation_id", "staff_id", { stretch_start: "spell_start" });
  const judged = candidates
    .join(inSchool, on("evaluation_id", "staff_id"))
    .join_left(leaderSince, on("evaluation_id", "staff_id"))
    .join_left(retirementDates(staged, policy, asOf), "staff_id")
    .derive({
      age: escape((d: Row) => ageOn(d.birth_date, d.evaluation_date)),
      years_as_leader: escape((d: Row) => decimalYears(d.spell_start ?? null, d.years_counted_to)),
      years_to_retirement: escape((d: Row) => decimalYears(d.years_counted_to, d.retirement_date ?? null)),
      t9_max_age: escape((d: Row) => (d.gender === "M" ? d.t9_max_age_male : d.t9_max_age_female)),
      base_rule_id: escape((d: Row) => (d.post_group === "leader" ? "ROT-P3" : "ROT-T9")),
    })
    .derive({
      is_due_by_rule: escape((d: Row) => (d.post_group === "leader"
        // three consecutive terms here, unless less than one term is left before retirement
        ? and3(atLeast(d.years_as_leader, d.p3_years), atLeast(d.years_to_retirement, d.p3_margin_years))
        : and3(atLeast(d.years_in_school, d.t9_years), atLeast(d.t9_max_age, d.age)))),
    });
  // an exemption valid on the evaluation date holds
  const held = judged
    .select("evaluation_id", "evaluation_date", "staff_id")
    .join(exemptionsValid(staged, policy), "staff_id")
    .filter(escape((d: Row) => d.start_date <= d.evaluation_date && !isNull(d.valid_until) && d.valid_until >= d.evaluation_date))
    .select("evaluation_id", "staff_id")
    .dedupe()
    .derive({ has_exemption: () => true });
  const eligibility = judged
    .join_left(held, on("evaluation_id", "staff_id"))
    .derive({
      is_exempt: escape((d: Row) => d.is_due_by_rule === true && d.has_exemption === true),
      is_due: escape((d: Row) => d.is_due_by_rule === true && d.has_exemption !== true),
    });
  return { eligibility, years };
}
