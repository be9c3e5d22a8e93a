/**
 * Typed errors: library code throws these, only the CLI turns them into exit statuses.
 * Messages read `<what failed>: <why>. <what to do>` and name the file, row and column.
 */

export interface Location {
  file?: string;
  /** As a spreadsheet shows it: the header is row 1. */
  row?: number;
  column?: string;
}

/** An input problem that stops the load (missing file or column, unreadable file): exit 1. */
export class InputError extends Error {
  override name = "InputError";
  constructor(
    message: string,
    readonly location: Location = {},
  ) {
    super(message);
  }
}

/** A command line the tool cannot act on: exit 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** A policy file that does not match its schema: exit 1, naming the key. */
export class PolicyError extends Error {
  override name = "PolicyError";
  constructor(
    message: string,
    readonly key?: string,
  ) {
    super(message);
  }
}

/** A data test beside a model failed: exit 1, naming the model, the test and some rows. */
export class DataTestError extends Error {
  override name = "DataTestError";
}

export const exitStatusFor = (error: unknown): number => (error instanceof UsageError ? 2 : 1);

/** Something the machine lacks (a browser, a free port, a built site): exit 1, naming what to install or do. */
export class SetupError extends Error {
  override name = "SetupError";
}
