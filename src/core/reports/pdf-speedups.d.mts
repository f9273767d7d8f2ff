/** Installs the faster style lookups and content-stream writes (once per thread). */
export declare function applyPdfSpeedups(pdfmakeEntry: string): void;
/** The pdfmake and pdfkit versions the speedups were written against; others render unpatched. */
export declare const PATCHED_VERSIONS: { pdfmake: string; pdfkit: string };
/** Whether the pdfmake (and its pdfkit) at `pdfmakeEntry` are the patched versions. */
export declare function speedupsApply(pdfmakeEntry: string): boolean;
