/**
 * The bureau's calendar day, whatever zone the machine is set to. Only the edges (the CLI, the
 * build script, ingest's default) read the clock; rules are always handed their date.
 */
export const todayInChina = (now = new Date()): string =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(now);
