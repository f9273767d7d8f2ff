import { createTheme, type MantineColorsTuple } from '@mantine/core';

// The one place for the look: a calm institutional blue, 14 px body text (dense enough for tables
// at 1366×768, large enough to read all day), system fonts (nothing to download, no font-src).

const brand: MantineColorsTuple = [
  '#edf3fb',
  '#dae5f3',
  '#b1c9e7',
  '#86abdb',
  '#6392d1',
  '#4c82cb',
  '#3f79c9',
  '#3067b2',
  '#275ba0',
  '#1a4e8e',
];

export const theme = createTheme({
  primaryColor: 'brand',
  primaryShade: 7,
  colors: { brand },
  fontFamily:
    '"Segoe UI", system-ui, -apple-system, "Noto Sans", Roboto, "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: '"Cascadia Mono", Consolas, "DejaVu Sans Mono", monospace',
  fontSizes: { xs: '0.75rem', sm: '0.8125rem', md: '0.875rem', lg: '1rem', xl: '1.125rem' },
  lineHeights: { xs: '1.4', sm: '1.45', md: '1.5', lg: '1.5', xl: '1.5' },
  headings: {
    fontWeight: '600',
    sizes: {
      h1: { fontSize: '1.5rem', lineHeight: '1.3' },
      h2: { fontSize: '1.25rem', lineHeight: '1.35' },
      h3: { fontSize: '1.0625rem', lineHeight: '1.4' },
      h4: { fontSize: '0.9375rem', lineHeight: '1.4' },
    },
  },
  spacing: { xs: '0.5rem', sm: '0.75rem', md: '1rem', lg: '1.5rem', xl: '2rem' },
  defaultRadius: 'sm',
  cursorType: 'pointer',
  focusRing: 'auto',
  components: {
    TextInput: { defaultProps: { size: 'sm' } },
    PasswordInput: { defaultProps: { size: 'sm' } },
    Button: { defaultProps: { size: 'sm' } },
    Paper: { defaultProps: { withBorder: true, radius: 'md' } },
    // Sentence-case badges read calmer in dense tables than Mantine's default capitals.
    Badge: { defaultProps: { radius: 'sm', variant: 'light' }, styles: { root: { textTransform: 'none' } } },
  },
});

/** Layout sizes used by the shell; kept beside the theme so the whole look is in one file. */
export const layout = {
  headerHeight: 52,
  navbarWidth: 232,
  pagePadding: 'lg',
  /** Page background behind white cards. */
  background: '#f4f6f9',
} as const;
