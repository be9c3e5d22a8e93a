/**
 * Loads the raw warehouse tables the rotation rules read into arquero tables: the columns they
 * use, dates as day numbers (see days.ts). Loading is timed apart from the rules: the benchmark
 * compares rule computation, not two ways of reading a file.
 */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import type { DuckDBConnection } from "@duckdb/node-api";
import { openDatabase } from "../../src/warehouse/duckdb.ts";

export interface RawTables {
  schools: ColumnTable;
  staff: ColumnTable;
  appointments: ColumnTable;
  rotations: ColumnTable;
  exemptions: ColumnTable;
}

const day = (column: string): string => `datediff('day', date '1970-01-01', "${column}")::integer as "${column}"`;

const selections: Record<keyof RawTables, string> = {
  schools: `select school_id, location, tier, remote, phase_in_until from raw_schools`,
  staff: `select staff_id, gender, ${day("birth_date")}, backbone, employment from raw_staff`,
  // the record ids break ties the way the models do (appointment_id, exemption_id = row_number)
  appointments: `select row_number as appointment_id, staff_id, school_id, post, ${day("start_date")}, ${day("end_date")} from raw_appointments`,
  rotations: `select staff_id, from_school_id, to_school_id, ${day("start_date")}, ${day("end_date")}, type, relation_moved from raw_rotations`,
  exemptions: `select row_number as exemption_id, staff_id, reason, ${day("start_date")}, ${day("end_date")} from raw_exemptions`,
};

export async function loadRawTables(warehouse: string): Promise<RawTables> {
  const db = await openDatabase(warehouse, { readOnly: true });
  try {
    return await rawTablesFrom(db.connection);
  } finally {
    db.close();
  }
}

/** From any connection that sees the raw tables (the tests' in-memory databases too). */
export async function rawTablesFrom(connection: DuckDBConnection): Promise<RawTables> {
  const tables: Partial<RawTables> = {};
  for (const [name, sql] of Object.entries(selections) as [keyof RawTables, string][]) {
    const reader = await connection.runAndReadAll(sql);
    tables[name] = aq.table(reader.getColumnsObjectJson() as Record<string, unknown[]>);
  }
  return tables as RawTables;
}
