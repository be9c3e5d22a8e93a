// Page data columns as src/site/frame.ts writes them: a column is either its values, one per
// row, or a dictionary ({dictionary, codes, runs?}) holding each distinct value once with a code
// per row, or per run of equal rows when `runs` gives the run lengths. Expanded here, before
// arquero or a page sees the data. No arquero in this module, so tests run it in Node as it is.

/** A column's values, one per row, whichever form it travels in. */
export function decodeColumn(column) {
  if (Array.isArray(column)) return column;
  const { dictionary, codes, runs } = column;
  if (!runs) return codes.map((code) => dictionary[code]);
  const values = [];
  codes.forEach((code, i) => {
    for (let n = 0; n < runs[i]; n++) values.push(dictionary[code]);
  });
  return values;
}

/** Columns with every column expanded ({name: [values]}), the shape arquero's aq.table reads. */
export function decodeColumns(columns) {
  return Object.fromEntries(Object.entries(columns).map(([name, column]) => [name, decodeColumn(column)]));
}

/** Rows ({name: value} objects) from columns in either form. */
export function rowsFromColumns(columns) {
  const decoded = Object.entries(decodeColumns(columns));
  const length = decoded.length ? decoded[0][1].length : 0;
  return Array.from({ length }, (_, i) => Object.fromEntries(decoded.map(([name, values]) => [name, values[i]])));
}
