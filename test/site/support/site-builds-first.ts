/**
 * Vitest's order of test files, with the site-build files moved to the front. Vitest starts the
 * files it has timings for longest first and the others largest first. A fresh clone (CI, a new
 * machine) has no timings, and the three files that build a whole site and open every page in
 * Chromium are among the shortest to read but by far the longest to run: they started last and
 * the run ended on one core, a minute after everything else had finished.
 */
import { BaseSequencer, type TestSpecification } from "vitest/node";

const SITE_BUILD = /[\\/]test[\\/]site[\\/]site-[a-z]+\.test\.ts$/;

export class SiteBuildsFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const builds = sorted.filter((file) => SITE_BUILD.test(file.moduleId));
    return [...builds, ...sorted.filter((file) => !SITE_BUILD.test(file.moduleId))];
  }
}
