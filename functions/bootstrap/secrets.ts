import { copyBoundValues } from "./bound-values";

/**
 * Imported first by every entry in functions/bootstrap/ (see stacks/functions.ts): the bound
 * secrets and parameters are in `process.env` before any code of the app runs (a top-level await,
 * which fetches from SSM once per cold start only when SST left a value there).
 */
await copyBoundValues();
