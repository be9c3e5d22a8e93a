#!/usr/bin/env node
// Runs the TypeScript CLI straight from src/ through tsx, so a checkout works after `npm ci`.
import { register } from "tsx/esm/api";

register();
// Output piped into something that stops reading (`| head`) must not kill a load half-way:
// the work goes on, only the printing stops.
process.stdout.on("error", (error) => {
  if (error.code !== "EPIPE") throw error;
});
const { main } = await import("../src/cli.ts");
process.exitCode = await main(process.argv.slice(2));
