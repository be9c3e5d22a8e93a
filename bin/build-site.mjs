#!/usr/bin/env node
// `npm run build`: builds the report site for one audience. Plain JS so it runs before anything
// is compiled; tsx loads the TypeScript library from src/.
//
//   CADREBOARD_DATA=folder        record files to build from (default: the sample county)
//   CADREBOARD_AUDIENCE=bureau    or public, or school:<school_id>   (flag: --audience)
//   CADREBOARD_AS_OF=YYYY-MM-DD   default: today in China (Asia/Shanghai)   (flag: --as-of)
//   CADREBOARD_POLICY=file        a policy file (default: the built-in defaults)
//   CADREBOARD_SAMPLE_STAFF=N     size of the sample county when no data is configured
//   --out DIR                     default: dist
import { parseArgs } from "node:util";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register();
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({
  options: { audience: { type: "string" }, "as-of": { type: "string" }, out: { type: "string" }, data: { type: "string" } },
  strict: true,
});
const { todayInChina } = await import("../src/today.ts");
const { buildSite } = await import("../src/site/build.ts");
const env = process.env;
try {
  await buildSite({
    root,
    audience: values.audience ?? env.CADREBOARD_AUDIENCE ?? "bureau",
    asOf: values["as-of"] ?? env.CADREBOARD_AS_OF ?? todayInChina(),
    outDir: resolve(values.out ?? "dist"),
    dataDir: values.data ?? env.CADREBOARD_DATA ?? undefined,
    sampleStaff: env.CADREBOARD_SAMPLE_STAFF ? Number(env.CADREBOARD_SAMPLE_STAFF) : undefined,
    policyPath: env.CADREBOARD_POLICY ?? undefined,
  });
} catch (error) {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  process.exitCode = error?.name === "UsageError" ? 2 : 1;
}
