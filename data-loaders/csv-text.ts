/**
 * The little CSV parsing Node has to do itself: the leading records (to find and map the header)
 * and the delimiter. The bulk of a file is parsed by DuckDB.
 */

/** Excel saves CSV with commas; some systems export with tabs, semicolons or vertical bars. */
const CANDIDATE_DELIMITERS = [",", "\t", ";", "|"] as const;

/** The delimiter used most often outside quotes on the first line. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>();
  let inQuotes = false;
  for (const char of text) {
    if (char === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (char === "\n" || char === "\r")) break;
    else if (!inQuotes && (CANDIDATE_DELIMITERS as readonly string[]).includes(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best = ",";
  for (const delimiter of CANDIDATE_DELIMITERS) if ((counts.get(delimiter) ?? 0) > (counts.get(best) ?? 0)) best = delimiter;
  return best;
}

export interface LeadingRecord {
  cells: string[];
  /** Physical lines up to and including this record (DuckDB's `skip` counts lines). */
  linesThrough: number;
}

/** RFC 4180 records from the start of a text (quotes doubled inside quoted cells). */
export function parseLeadingRecords(text: string, delimiter: string, maxRecords: number): LeadingRecord[] {
  const records: LeadingRecord[] = [];
  let cells: string[] = [];
  let cell = "";
  let inQuotes = false;
  let lines = 0;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = () => {
    cells.push(cell);
    records.push({ cells, linesThrough: lines });
    cells = [];
    cell = "";
  };
  for (; i < text.length && records.length < maxRecords; i++) {
    const char = text[i]!;
    if (inQuotes) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') inQuotes = false;
      else {
        if (char === "\n") lines++;
        cell += char;
      }
    } else if (char === '"') inQuotes = true;
    else if (char === delimiter) {
      cells.push(cell);
      cell = "";
    } else if (char === "\n") {
      lines++;
      endRecord();
    } else if (char !== "\r") cell += char;
  }
  if (records.length < maxRecords && (cell !== "" || cells.length > 0)) {
    lines++;
    endRecord();
  }
  return records;
}

/**
 * DuckDB's CSV reader drops empty lines, which would shift every later row number away from
 * what the spreadsheet shows. Rewrites each empty line (outside quotes) as a lone delimiter: an
 * all-empty row that keeps its place. `state` carries quote and line state across chunks.
 */
export function keepBlankLines(text: string, delimiter: string, state: { inQuotes: boolean; lineEmpty: boolean }): string {
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22) {
      state.inQuotes = !state.inQuotes;
      state.lineEmpty = false;
    } else if (code === 0x0a && !state.inQuotes) {
      if (state.lineEmpty) {
        // Insert before the line end (before a \r when the file uses CRLF).
        const at = i > 0 && text.charCodeAt(i - 1) === 0x0d ? i - 1 : i;
        parts.push(text.slice(from, at), delimiter);
        from = at;
      }
      state.lineEmpty = true;
    } else if (code !== 0x0d && code !== 0xfeff) {
      state.lineEmpty = false;
    }
  }
  parts.push(text.slice(from));
  return parts.join("");
}
