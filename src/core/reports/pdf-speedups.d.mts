/** Installs the faster style lookups and content-stream writes (once per thread). */
export declare function applyPdfSpeedups(pdfmakeEntry: string): void;
