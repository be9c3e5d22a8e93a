// How a public build shows a count it withholds: the same word whether the count was under the
// small-cell threshold or withheld so that it cannot be worked out from the totals beside it.
// Telling the two apart ("<5" for the first) would be false for the second, which may hold any
// number, and would tell a reader which hidden cells are small.
export const WITHHELD = "隐去";
