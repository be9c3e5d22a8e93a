/**
 * Vitest's order of test files, with the site-build files moved to the front. Vitest starts the
 * files it has timings for longest first and the others largest first. A fresh clone (CI, a new
 * machine) has no timings, and the three files that build a whole site and open every page in
 * Chromium are among the shortest to read but by far the longest to run: they started last and
 * the run ended on one core, a minute after everything else had finished.
 *
 * The site builds take turns on the checkout's build lock, so a second build started beside the
 * first only waits for it, a worker doing nothing for a quarter of a minute: the first build's
 * file goes first, then the first other file, and then the other builds, which by then find the
 * lock free. (The first build's own threads use much of the idle core meanwhile: measured, this
 * order saves little.)
 */
import { BaseSequencer, type TestSpecification } from "vitest/node";

const SITE_BUILD = /[\\/]test[\\/]site[\\/]site-[a-z]+\.test\.ts$/;

export class SiteBuildsFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const [firstBuild, ...otherBuilds] = sorted.filter((file) => SITE_BUILD.test(file.moduleId));
    const [firstOther, ...others] = sorted.filter((file) => !SITE_BUILD.test(file.moduleId));
    return [firstBuild, firstOther, ...otherBuilds, ...others].filter((file) => file !== undefined);
  }
}
