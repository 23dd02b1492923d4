// The decorator re-exported under a local module: found through the type checker, not by syntax.
export { slots } from "ts-slots";
