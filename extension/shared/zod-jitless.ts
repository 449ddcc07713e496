import { z } from 'zod';

// Zod compiles object parsers with `new Function` where it can, after probing for it. An
// extension page's policy (`script-src 'self'`) forbids that: the probe fails safely, but
// Chrome reports a CSP violation for it in every context, which would hide a real one.
// Imported first by each entry point, before any schema parses.
z.config({ jitless: true });
