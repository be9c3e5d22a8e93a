#!/usr/bin/env node
// Runs the TypeScript CLI straight from src/ through tsx, so a checkout works after `npm ci`.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli.ts");
process.exitCode = await main(process.argv.slice(2));
