// ast: a parser-node-like class family in the spirit of TypeScript's own node objects. A "parser" builds
// expression trees, a "binder" sets parent pointers and, on some nodes only, symbol / flowNode / id (as
// TypeScript's binder and checker do lazily), then a walker visits every tree.
import { slots } from "ts-slots";

export const enum SyntaxKind {
  Identifier = 1,
  NumericLiteral = 2,
  BinaryExpression = 3,
  CallExpression = 4,
  PropertyAccessExpression = 5,
  ConditionalExpression = 6,
}

export const enum NodeFlags {
  None = 0,
  Synthesized = 1 << 3,
  HasFlow = 1 << 4,
  Checked = 1 << 5,
}

export interface SymbolLike {
  name: string;
  flags: number;
}

export interface FlowLike {
  flags: number;
}

@slots
export abstract class Node {
  kind: SyntaxKind;
  flags: NodeFlags;
  pos: number;
  end: number;
  parent: Node | undefined;
  // Set later, on some nodes only.
  id?: number;
  symbol?: SymbolLike;
  flowNode?: FlowLike;
  constructor(kind: SyntaxKind, pos: number, end: number) {
    this.kind = kind;
    this.flags = NodeFlags.None;
    this.pos = pos;
    this.end = end;
    this.parent = undefined;
  }
}

export type Expression =
  | Identifier
  | NumericLiteral
  | BinaryExpression
  | CallExpression
  | PropertyAccessExpression
  | ConditionalExpression;

@slots
export class Identifier extends Node {
  escapedText: string;
  constructor(escapedText: string, pos: number, end: number) {
    super(SyntaxKind.Identifier, pos, end);
    this.escapedText = escapedText;
  }
}

@slots
export class NumericLiteral extends Node {
  text: string;
  value: number;
  constructor(text: string, value: number, pos: number, end: number) {
    super(SyntaxKind.NumericLiteral, pos, end);
    this.text = text;
    this.value = value;
  }
}

@slots
export class BinaryExpression extends Node {
  left: Expression;
  operator: number;
  right: Expression;
  constructor(left: Expression, operator: number, right: Expression) {
    super(SyntaxKind.BinaryExpression, left.pos, right.end);
    this.left = left;
    this.operator = operator;
    this.right = right;
  }
}

@slots
export class CallExpression extends Node {
  expression: Expression;
  argument: Expression | undefined;
  constructor(expression: Expression, argument: Expression | undefined, end: number) {
    super(SyntaxKind.CallExpression, expression.pos, end);
    this.expression = expression;
    this.argument = argument;
  }
}

@slots
export class PropertyAccessExpression extends Node {
  expression: Expression;
  name: Identifier;
  constructor(expression: Expression, name: Identifier) {
    super(SyntaxKind.PropertyAccessExpression, expression.pos, name.end);
    this.expression = expression;
    this.name = name;
  }
}

@slots
export class ConditionalExpression extends Node {
  condition: Expression;
  whenTrue: Expression;
  whenFalse: Expression;
  constructor(condition: Expression, whenTrue: Expression, whenFalse: Expression) {
    super(SyntaxKind.ConditionalExpression, condition.pos, whenFalse.end);
    this.condition = condition;
    this.whenTrue = whenTrue;
    this.whenFalse = whenFalse;
  }
}

export interface Input {
  names: string[];
  numbers: string[];
  symbols: SymbolLike[];
  flow: FlowLike;
}

export function prepare(_n: number): Input {
  const names: string[] = [];
  const numbers: string[] = [];
  const symbols: SymbolLike[] = [];
  for (let i = 0; i < 128; i++) {
    names.push("v" + i);
    numbers.push(String(i));
    symbols.push({ name: "v" + i, flags: i & 7 });
  }
  return { names, numbers, symbols, flow: { flags: 2 } };
}

/** A tiny recursive-descent "parser" over a pseudo-random token stream. */
class Parser {
  private seed = 7;
  private pos = 0;
  count = 0;
  constructor(private readonly input: Input, private readonly out: Node[]) {}

  private next(): number {
    this.seed = (Math.imul(this.seed, 1103515245) + 12345) >>> 0;
    return this.seed >>> 16;
  }

  private add<T extends Node>(node: T): T {
    this.out[this.count++] = node;
    return node;
  }

  private identifier(): Identifier {
    const r = this.next() & 127;
    const start = this.pos;
    this.pos += 2 + (r >> 5);
    return this.add(new Identifier(this.input.names[r], start, this.pos));
  }

  private primary(): Expression {
    const r = this.next() & 127;
    if (r < 48) {
      const start = this.pos;
      this.pos += 1 + (r >> 4);
      return this.add(new NumericLiteral(this.input.numbers[r], r, start, this.pos));
    }
    return this.identifier();
  }

  /** Parses an expression using at most `budget` nodes (budget >= 1). */
  expression(budget: number): Expression {
    if (budget < 2) return this.primary();
    const r = this.next() % 10;
    if (r < 4 && budget >= 3) {
      const leftBudget = 1 + ((budget - 1) >> 1);
      const left = this.expression(leftBudget);
      this.pos += 3;
      const right = this.expression(budget - 1 - leftBudget);
      return this.add(new BinaryExpression(left, 40 + (r & 3), right));
    }
    if (r < 6) {
      const callee = this.expression(budget >> 1);
      const arg = budget >= 3 ? this.expression(budget - 1 - (budget >> 1)) : undefined;
      this.pos += 2;
      return this.add(new CallExpression(callee, arg, this.pos));
    }
    if (r < 8 && budget >= 3) {
      const object = this.expression(budget - 2);
      this.pos += 1;
      return this.add(new PropertyAccessExpression(object, this.identifier()));
    }
    if (budget >= 4) {
      const third = (budget - 1) / 3 | 0;
      const condition = this.expression(third);
      const whenTrue = this.expression(third);
      const whenFalse = this.expression(budget - 1 - 2 * third);
      return this.add(new ConditionalExpression(condition, whenTrue, whenFalse));
    }
    return this.primary();
  }
}

function forEachChild(node: Node, cb: (child: Node) => void): void {
  switch (node.kind) {
    case SyntaxKind.BinaryExpression: {
      const b = node as BinaryExpression;
      cb(b.left);
      cb(b.right);
      break;
    }
    case SyntaxKind.CallExpression: {
      const c = node as CallExpression;
      cb(c.expression);
      if (c.argument !== undefined) cb(c.argument);
      break;
    }
    case SyntaxKind.PropertyAccessExpression: {
      const p = node as PropertyAccessExpression;
      cb(p.expression);
      cb(p.name);
      break;
    }
    case SyntaxKind.ConditionalExpression: {
      const c = node as ConditionalExpression;
      cb(c.condition);
      cb(c.whenTrue);
      cb(c.whenFalse);
      break;
    }
  }
}

/** The "binder": parent pointers everywhere; symbols on identifiers that resolve; flow nodes on calls. */
function bind(root: Node, input: Input, state: { nextId: number }): void {
  const visit = (parent: Node) => (child: Node): void => {
    child.parent = parent;
    bindNode(child);
    forEachChild(child, visit(child));
  };
  const bindNode = (node: Node): void => {
    if (node.kind === SyntaxKind.Identifier) {
      const text = (node as Identifier).escapedText;
      const index = text.charCodeAt(1) - 48;
      if ((index & 1) === 0) node.symbol = input.symbols[index];
    } else if (node.kind === SyntaxKind.CallExpression) {
      node.flowNode = input.flow;
      node.flags |= NodeFlags.HasFlow;
    }
    // The checker hands out node ids lazily, to the nodes it happens to look at.
    if (node.pos % 3 === 0) node.id = state.nextId++;
  };
  bindNode(root);
  forEachChild(root, visit(root));
}

/** Parses and binds trees until `out` holds out.length nodes. */
export function build(input: Input, out: Node[]): void {
  const parser = new Parser(input, out);
  const state = { nextId: 1 };
  while (parser.count < out.length) {
    const remaining = out.length - parser.count;
    parser.expression(remaining < 40 ? remaining : 40);
    // Nodes are stored in post-order, so the tree's root is the last one added.
    bind(out[parser.count - 1], input, state);
  }
}

/** The walker: visits every tree from its root, reading positions, kinds and binder results. */
export function read(nodes: Node[]): number {
  let sum = 0;
  const walk = (node: Node): void => {
    sum += node.end - node.pos + node.kind;
    if (node.symbol !== undefined) sum += node.symbol.flags;
    if (node.id !== undefined) sum += 1;
    if ((node.flags & NodeFlags.HasFlow) !== 0 && node.flowNode !== undefined) sum += node.flowNode.flags;
    forEachChild(node, walk);
  };
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    if (node.parent === undefined) walk(node);
  }
  return sum;
}

export function fieldCount(o: Node): number {
  const base = 8;
  switch (o.kind) {
    case SyntaxKind.Identifier:
      return base + 1;
    case SyntaxKind.NumericLiteral:
    case SyntaxKind.CallExpression:
    case SyntaxKind.PropertyAccessExpression:
      return base + 2;
    case SyntaxKind.BinaryExpression:
    case SyntaxKind.ConditionalExpression:
      return base + 3;
  }
  return base;
}
