import { z } from 'zod';

// zod 4 probes for eval (`new Function`) to compile faster parsers the first time it parses an
// object. The CSP forbids eval, so the probe only produces a CSP violation report; jitless parsing
// is what runs here anyway. Imported first by main.tsx: some modules parse at import time.
z.config({ jitless: true });
