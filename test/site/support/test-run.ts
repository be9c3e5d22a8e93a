/**
 * Vitest global setup: a name for this test run, which the site test files (in parallel
 * workers) share, so that the first of them writes the site tests' sample copy and the others
 * use it (test/site/support/sites.ts).
 */
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    testRun: string;
  }
}

export default function setup(project: TestProject): void {
  project.provide("testRun", `${process.pid}-${Date.now()}`);
}
