// strip: the bench's view of bench/lib/strip.cjs, the one "normal build" source maker shared with the tests.
import { createRequire } from "node:module";

export const { stripSlotsMarker } = createRequire(import.meta.url)("./strip.cjs");
