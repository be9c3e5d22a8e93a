/**
 * One school's built site in real headless Chromium (test/site/support/site-suite.ts: sent
 * nothing, every page loads clean): no output file holds anyone from another school or any ID
 * number, and its 交流方案 downloads only the moves to and from the school.
 */
import { describe, expect, it } from "vitest";
import { filesOf, occurrences } from "./support/files.ts";
import { itDownloadsThePlan, siteSuite } from "./support/site-suite.ts";

const suite = siteSuite("school");

describe("privacy: what a build leaves out is not in its files", () => {
  it("a school build holds no one from other schools, and no ID numbers at all", async () => {
    const { dir, people, schoolId } = suite.site;
    const files = await filesOf(dir);
    const others = people.filter((p) => !p.schools.has(schoolId));
    expect(others.length).toBeGreaterThan(0);
    expect(occurrences(files, others.map((p) => p.staffId), "whole")).toEqual([]);
    expect(occurrences(files, people.map((p) => p.idNumber), "whole")).toEqual([]);
    // Names are not unique: someone elsewhere may share a name with someone at this school, and
    // that name is rightly in the build. The staff ID check above is the exact one.
    const ownNames = new Set(people.filter((p) => p.schools.has(schoolId)).map((p) => p.name));
    expect(occurrences(files, others.map((p) => p.name).filter((name) => !ownNames.has(name)), "json-value")).toEqual([]);
  });
});

describe("what a bureau office files and a clerk opens", () => {
  itDownloadsThePlan(suite, "school");
});
