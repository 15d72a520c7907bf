import { z } from "zod";

// Runs in the browser before the app's code. Zod compiles object parsers with `new Function` unless
// told not to; the desk's CSP allows no eval, so Zod's probe for it would be a CSP violation.
z.config({ jitless: true });
