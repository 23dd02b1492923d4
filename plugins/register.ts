// `ts-slots/register`: `node --import ts-slots/register app.ts` rewrites `@slots` classes before Node strips the types.
// module.registerHooks (Node >= 22.15 / 23.5) runs the hook in-thread for import and require alike; older Nodes get
// the module.register hooks thread, which sees imports (and, from Node 22, requires made from ES modules).
import * as nodeModule from "module";
import { pathToFileURL } from "url";
import { loadSync } from "./registerHooks";

interface SyncHooks {
  load: typeof loadSync;
}

const registerHooks: ((hooks: SyncHooks) => unknown) | undefined = (nodeModule as { registerHooks?: (hooks: SyncHooks) => unknown }).registerHooks;

if (registerHooks) registerHooks({ load: loadSync });
else if (typeof nodeModule.register === "function") nodeModule.register("./registerHooks.js", pathToFileURL(__filename));
else process.emitWarning("ts-slots/register needs Node >= 20.6 (module.register); @slots classes load unrewritten.");
