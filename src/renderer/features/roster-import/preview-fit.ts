// Which of the file's columns the roster preview shows beside its own (row, result, problems), so
// that the table fits its card: at 1366×768 the preview has 717px beside the column mapping, and a
// roster's ten columns at a readable width took 1820px and scrolled sideways.

/** The preview's own columns: the row number and the result badge (fixed widths). */
export const ROW_PX = 52;
export const RESULT_PX = 96;
/** "Problems and changes" takes what the file's columns leave, and never less than this. */
const PROBLEMS_MIN_PX = 200;
/** A vertical scrollbar and the card's borders, which the table's width does not get. */
const CHROME_PX = 18;

/** The width a file's column gets: an e-mail address needs more than a roll number or a year. */
export function fieldWidth(field: string): number {
  return field === 'email' || field === 'mentorEmail' ? 190 : 110;
}

export interface FileColumn {
  field: string;
  /** Some row has a problem in this column. */
  faulty: boolean;
}

export interface PreviewFit<C> {
  /** The columns shown, in the file's order. */
  shown: C[];
  /** The columns left out, in the file's order; the page names them. */
  left: C[];
  /** The problems column's width: the rest of the card. */
  problemsPx: number;
}

/**
 * The file's columns (in the roster's field order) that fit in a card `available` pixels wide
 * beside the preview's own columns. Columns with a problem come first, so that the cell at fault is
 * marked where it is; then the first ones, which identify the row (roll number or e-mail, then the
 * name). A column left out still has its problems listed in the problems column. That column gets
 * the rest as a width of its own: the DataTable gives every column a width (150px unless set) and
 * the browser scales them all to fill the table, so a column without one would not take the rest.
 */
export function fitPreview<C extends FileColumn>(columns: readonly C[], available: number): PreviewFit<C> {
  let room = available - CHROME_PX - ROW_PX - RESULT_PX - PROBLEMS_MIN_PX;
  const kept = new Set<C>();
  for (const c of [...columns.filter((c) => c.faulty), ...columns.filter((c) => !c.faulty)]) {
    const width = fieldWidth(c.field);
    if (width > room) continue;
    room -= width;
    kept.add(c);
  }
  return {
    shown: columns.filter((c) => kept.has(c)),
    left: columns.filter((c) => !kept.has(c)),
    problemsPx: PROBLEMS_MIN_PX + Math.max(0, Math.floor(room)),
  };
}
