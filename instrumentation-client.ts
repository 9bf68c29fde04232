import { z } from 'zod';

// zod probes whether it may compile parsers with `new Function` the first time it parses an
// object; under Nook's Content-Security-Policy (no 'unsafe-eval') that probe is refused and
// reported as a CSP violation. Tell zod up front not to try, in the browser.
z.config({ jitless: true });
