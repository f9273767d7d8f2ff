import { useLayoutEffect, useState, type RefObject } from 'react';

// The DataTable's default height: its body grows or shrinks so that the table, its pagination
// included, ends at the window's bottom wherever the page's filters put its top.

/** Footer (pagination) and the page's bottom padding, kept visible under a fitted table. */
const FIT_RESERVE_PX = 24 + 2;
// Its top border, xs padding above and below, and the sm pagination's 22px controls: 49 left 6px
// more under a paginated table than under one without pagination.
export const FOOTER_PX = 1 + 2 * 10 + 22;
/** `fitBelow` of a table at the end of a card (Paper p="md"): the card's bottom padding and border. */
export const IN_CARD_BELOW_PX = 16 + 1;
/** The least a fitted body gets: a mentor's feedback list under its waiting card at 1366×768 fits. */
const MIN_FIT_PX = 160;

/**
 * The body height that makes the table end at the window's bottom: a fixed `calc(100vh - N)` cut
 * the pagination off on pages with a second row of filters at 1366×768, or left a gap on others.
 * Measured on mount (while the first page loads), on window resize, and whenever the page's height
 * changes: content above the table that loads after it (a mentor's or student's "waiting for your
 * feedback" card) moves the table down, and the table then shrinks to keep its footer on screen.
 */
export function useFitHeight(ref: RefObject<HTMLElement | null>, enabled: boolean, below: number): string {
  const [height, setHeight] = useState('calc(100vh - 290px)');
  useLayoutEffect(() => {
    if (!enabled) return undefined;
    const measure = (): void => {
      const el = ref.current;
      if (!el) return;
      const top = el.getBoundingClientRect().top + window.scrollY;
      const px = window.innerHeight - top - FIT_RESERVE_PX - below;
      // Never below a header and a few rows: in a window too short for that, the page scrolls.
      setHeight(`${Math.max(MIN_FIT_PX, Math.floor(px))}px`);
    };
    measure();
    window.addEventListener('resize', measure);
    // The page's content box (AppLayout's [data-page-content]) grows and shrinks with what is on
    // the page; body and #root are fixed at the window's height and <main> has a minimum height,
    // so neither follows a card above the table that shrinks. It changes when something above the
    // table does, and once more after the table has refitted (then nothing moves: it settles).
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    const page = ref.current?.closest('[data-page-content]');
    if (page) observer?.observe(page);
    return () => {
      window.removeEventListener('resize', measure);
      observer?.disconnect();
    };
  }, [ref, enabled, below]);
  return height;
}
