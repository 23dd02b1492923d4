// Prints what the @slots class became, one fact a line, and exits 1 if any fact is not what ts-slots promises.
import { Particle } from "./shapes";

const throwsTypeError = (action: () => void) => {
  try {
    action();
    return false;
  } catch (error) {
    return error instanceof TypeError;
  }
};

/** What code outside the type system (a library given any object) may try: the seal makes it throw. */
const addProperty = (target: object, key: string) => ((target as Record<string, unknown>)[key] = 1);

const particle = new Particle(7);
const facts = {
  // The rewrite's placeholders (the run-time fallback leaves declared-only fields absent).
  "slots in declaration order": JSON.stringify(Object.keys(particle)) === JSON.stringify(["id", "x", "y", "label", "tags"]),
  "placeholders of the declared types": particle.x === 0 && particle.y === 0 && particle.label === "",
  sealed: Object.isSealed(particle),
  "adding a property throws": throwsTypeError(() => addProperty(particle, "z")),
  "no ts-slots runtime decorator left": !Particle.toString().includes("@"),
};
for (const [fact, holds] of Object.entries(facts)) console.log(`${holds ? "ok  " : "FAIL"} ${fact}`);
if (Object.values(facts).some((holds) => !holds)) process.exit(1);
