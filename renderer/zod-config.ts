import { z } from 'zod';

// Imported first by main.tsx. Our CSP has no 'unsafe-eval': without this, zod probes `new Function` once and the
// browser reports a CSP violation for it (zod then falls back to the same parsing without code generation).
z.config({ jitless: true });
