// Installs the ts-slots rewrite for every TypeScript file Bun runs from here on (named in bunfig.toml).
import { plugin } from "bun";
import slots from "ts-slots/bun";

plugin(slots({ types: "program" }));
