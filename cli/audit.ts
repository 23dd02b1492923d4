// cli/audit.ts — the audit's entry, as cli/index.ts and cli/add.ts import it. The audit is split by concern in
// cli/audit/: run.ts (one run), engine.ts (verdicts from the build's own checks), attribution.ts (which class a
// problem is about), shape.ts (what @slots would buy), types.ts (the data); cli/report.ts renders it.
export { audit } from "./audit/run";
export type * from "./audit/types";
