// Delta minimisation of a failing program: drop classes, members, constructor statements, parameters and main
// statements (each with everything that depends on it), and simplify classes (no `@slots`, no other decorator),
// while the program stays valid and still fails with the same category.
"use strict";
const { render } = require("./generator");
const { checkOne } = require("./harness");

function clone(value) {
  return JSON.parse(JSON.stringify(value));
}

/** Every deletable element of a program model, with the class it belongs to. */
function elementsOf(program) {
  const list = [];
  for (const cls of program.classes) {
    if (cls.deleted) continue;
    list.push({ element: cls, owner: null });
    for (const member of cls.members) list.push({ element: member, owner: cls });
    if (cls.ctor) {
      for (const param of cls.ctor.params) list.push({ element: param, owner: cls });
      for (const statement of [...cls.ctor.pre, ...cls.ctor.body]) list.push({ element: statement, owner: cls });
      if (cls.ctor.superCall) list.push({ element: cls.ctor.superCall, owner: cls, essential: true });
    }
  }
  for (const statement of program.main) list.push({ element: statement, owner: null });
  return list.filter((entry) => !entry.element.deleted && !(entry.owner && entry.owner.deleted));
}

/** A copy of `program` without the elements `ids`, and without everything that uses what they provided. */
function without(program, ids) {
  const copy = clone(program);
  const doomed = new Set(ids);
  const provided = new Set();
  let changed = true;
  while (changed) {
    changed = false;
    for (const { element, owner } of elementsOf(copy)) {
      const dead = doomed.has(element.id) || (owner && owner.deleted) || (element.uses || []).some((use) => provided.has(use));
      if (!dead) continue;
      element.deleted = true;
      for (const id of element.provides || []) provided.add(id);
      if (element.kind === "class") {
        const inner = [...element.members, ...(element.ctor ? [...element.ctor.params, ...element.ctor.pre, ...element.ctor.body] : [])];
        for (const member of inner) for (const id of member.provides || []) provided.add(id);
      }
      changed = true;
    }
  }
  return copy;
}

/**
 * Minimises `program` (a generator model) whose check gave `category` = `{ verdict, category }` (a failure, or an
 * invalid program) in `configuration`. `check(text)` returns the harness result; by default the real pipeline of
 * the route `emitter`, outputs run in this process. Returns `{ program, text, checks, minimised }`; `minimised` is false when the
 * failure does not reproduce once definitely-assigned claims are voided (the original is returned then).
 * @param {any} program
 * @param {any} configuration
 * @param {any} category
 * @param {{ check?: (text: string) => any, budget?: number, log?: (line: string) => void, emitter?: string }} [options]
 */
function minimise(program, configuration, category, { check, budget = 600, log = () => {}, emitter = "tspc" } = {}) {
  const verify = check || ((text) => checkOne(text, configuration, { inProcess: true, emitter }));
  let checks = 0;
  // Deleting statements can make the generator's definitely-assigned claims stale (a deleted assignment), which would
  // make the comparator stricter than the contract; minimised programs therefore void those claims.
  const renderCandidate = (candidate) => render(candidate, { ignoreDefinitelyAssigned: true });
  const stillFails = (candidate) => {
    if (checks >= budget) return false;
    checks++;
    const result = verify(renderCandidate(candidate));
    return result.verdict === category.verdict && result.category === category.category;
  };
  let current = clone(program);
  if (!stillFails(current)) return { program, text: render(program), checks, minimised: false };
  let progress = true;
  while (progress && checks < budget) {
    progress = false;
    // Whole classes, last first (later classes depend on earlier ones, not the reverse).
    for (const cls of [...current.classes].reverse()) {
      if (cls.deleted) continue;
      const candidate = without(current, [cls.id]);
      if (stillFails(candidate)) {
        current = candidate;
        progress = true;
      }
    }
    // Everything else: chunks of halving size, then one by one.
    let elements = elementsOf(current).filter((entry) => !entry.essential && entry.element.kind !== "class");
    for (let size = Math.max(1, Math.floor(elements.length / 2)); size >= 1; size = Math.floor(size / 2)) {
      for (let start = 0; start < elements.length; start += size) {
        const chunk = elements.slice(start, start + size).map((entry) => entry.element.id);
        const candidate = without(current, chunk);
        if (stillFails(candidate)) {
          current = candidate;
          progress = true;
        }
      }
      elements = elementsOf(current).filter((entry) => !entry.essential && entry.element.kind !== "class");
      if (size === 1) break;
    }
    // Simplifications: a class without `@slots`, without its other decorators.
    for (const cls of current.classes) {
      if (cls.deleted) continue;
      for (const simplify of [(c) => (c.slots = false), (c) => (c.decorators = [])]) {
        const candidate = clone(current);
        const target = candidate.classes.find((c) => c.id === cls.id);
        const before = JSON.stringify(target);
        simplify(target);
        if (JSON.stringify(target) === before) continue;
        if (stillFails(candidate)) {
          current = candidate;
          progress = true;
        }
      }
    }
    log(`minimise: ${checks} checks, ${elementsOf(current).length} elements left`);
  }
  return { program: current, text: renderCandidate(current), checks, minimised: true };
}

module.exports = { minimise, without, elementsOf };
