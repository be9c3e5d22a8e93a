import { describe, expect, it } from "vitest";
import { person, post, query, type Row } from "./given.ts";

const asOf = "2026-09-01";
/** A teacher not hired in a round: 待岗 from `since` (open), after teaching at S1. */
const awaiting = (since: string, records: Row[] = []) => ({
  staff: [person("A1")],
  appointments: [
    post("A1", "S1", "2005-09-01", { end_date: dayBefore(records.length ? String(records[0]!.start_date) : since) }),
    ...records,
    post("A1", "S1", since, { post: "awaiting_post", method: "not_hired", round: Number(since.slice(0, 4)) }),
  ],
});
const dayBefore = (iso: string): string => new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const stage = (given: ReturnType<typeof awaiting>) =>
  query(given, asOf, "select stage, strftime(awaiting_since, '%Y-%m-%d') as since, strftime(salary_stops_on, '%Y-%m-%d') as stops, explanation from awaiting_post");

describe("awaiting_post (EXIT-AWAIT: 待岗一年内只发职务工资，三年后仍未受聘停发工资)", () => {
  it.each([
    ["2025-09-02", "job_salary_only", "2028-09-02", "a day short of one year: still the first year"],
    ["2025-09-01", "reduced_salary", "2028-09-01", "exactly one year: the first year is over"],
    ["2023-09-02", "reduced_salary", "2026-09-02", "a day short of three years"],
    ["2023-09-01", "salary_stopped", "2026-09-01", "exactly three years without a post: the salary stops that day"],
  ])("待岗 since %s → %s, salary stops %s (%s)", async (since, expected, stops, _why) => {
    const [row] = await stage(awaiting(since));
    expect(row).toMatchObject({ stage: expected, since, stops });
  });

  it("待岗 records of two rounds in a row count from the first day", async () => {
    const first = post("A1", "S1", "2022-09-01", { post: "awaiting_post", method: "not_hired", round: 2022, end_date: "2025-08-31" });
    const [row] = await stage(awaiting("2025-09-01", [first]));
    expect(row).toMatchObject({ stage: "salary_stopped", since: "2022-09-01", stops: "2025-09-01" });
    expect(row!.explanation).toBe("自2022-09-01起待岗4.0年，已满3年仍未受聘，自2025-09-01起停发工资（EXIT-AWAIT）");
  });

  it("someone hired in the second round is no longer awaiting", async () => {
    const given = awaiting("2026-08-01");
    given.appointments.push(post("A1", "S1", "2026-08-15", { post: "service", method: "second_round", round: 2026 }));
    expect(await stage(given)).toEqual([]);
  });
});
