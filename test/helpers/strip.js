// The plugin-off program: the same source with the `@slots` decorators and their `ts-slots` imports removed, nothing
// else changed, so that it compiles to normal classes (no runtime fallback either).
"use strict";

const importLine = /^import\s+(?:\{([^}]*)\}|\*\s+as\s+(\w+))\s+from\s+["']ts-slots["'];?[ \t]*\r?\n/gm;

function withoutSlots(source) {
  const decorators = [];
  const stripped = source.replace(importLine, (_line, named, namespace) => {
    if (namespace) decorators.push(`${namespace}\\.slots`);
    for (const element of (named ?? "").split(",")) {
      const match = /^\s*slots(?:\s+as\s+(\w+))?\s*$/.exec(element);
      if (match) decorators.push(match[1] ?? "slots");
    }
    return "";
  });
  if (decorators.length === 0) return source;
  // Only in decorator position: at the start of a line or after `=`, `(`, `,`, `return` (class expressions), not in comments.
  const decorator = new RegExp(`(?<=(?:^|[=(,]|\\breturn)[ \\t]*)@(?:${decorators.join("|")})\\b[ \\t]*(\\r?\\n[ \\t]*)?`, "gm");
  return stripped.replace(decorator, "");
}

module.exports = { withoutSlots };
