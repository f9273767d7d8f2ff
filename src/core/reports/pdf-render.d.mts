import type { Content, CustomTableLayout, TDocumentDefinitions, TFontDictionary } from 'pdfmake/interfaces';

export declare const PAGE_TOKEN: string;
export declare const PAGES_TOKEN: string;

export interface LayoutColors {
  navy: string;
  hair: string;
  headFill: string;
  zebra: string;
  panel: string;
}

/** A running header (pages 2+) and a footer template whose strings may hold the page tokens. */
export interface FrameTemplates {
  runningHeader: Content | null;
  footer: Content | null;
}

export interface RenderJob {
  doc: Omit<TDocumentDefinitions, 'header' | 'footer'>;
  frame: FrameTemplates;
  fonts: { dir: string; dictionary: TFontDictionary };
  colors: LayoutColors;
}

export declare function reportLayouts(colors: LayoutColors): Record<string, CustomTableLayout>;
export declare function prepareRender(fonts: RenderJob['fonts']): Promise<void>;
export declare function renderJob(
  job: RenderJob,
  onProgress?: (fraction: number) => void,
): Promise<{ buffer: Buffer; pages: number }>;
