// rbtree: a red-black tree node under insert, find and erase, the pattern of an ordered-map library (CLRS, with one
// shared black sentinel as every leaf). `build` inserts n keys, `read` finds every key from the root, `update` erases
// every eighth key and inserts it again (a fresh node, so erase's relinking and insert's recolouring both run).
import { slots } from "ts-slots";

@slots
export class RBNode {
  key: number;
  value: number;
  red: boolean;
  left: RBNode;
  right: RBNode;
  parent: RBNode;
  constructor(key: number, value: number, nil: RBNode | undefined) {
    this.key = key;
    this.value = value;
    this.red = nil !== undefined;
    this.left = nil ?? this;
    this.right = nil ?? this;
    this.parent = nil ?? this;
  }
}

class Tree {
  readonly nil = new RBNode(-1, 0, undefined);
  root: RBNode = this.nil;

  private rotateLeft(x: RBNode): void {
    const y = x.right;
    x.right = y.left;
    if (y.left !== this.nil) y.left.parent = x;
    y.parent = x.parent;
    if (x.parent === this.nil) this.root = y;
    else if (x === x.parent.left) x.parent.left = y;
    else x.parent.right = y;
    y.left = x;
    x.parent = y;
  }

  private rotateRight(x: RBNode): void {
    const y = x.left;
    x.left = y.right;
    if (y.right !== this.nil) y.right.parent = x;
    y.parent = x.parent;
    if (x.parent === this.nil) this.root = y;
    else if (x === x.parent.right) x.parent.right = y;
    else x.parent.left = y;
    y.right = x;
    x.parent = y;
  }

  insert(key: number, value: number): RBNode {
    const z = new RBNode(key, value, this.nil);
    let y = this.nil;
    let x = this.root;
    while (x !== this.nil) {
      y = x;
      x = key < x.key ? x.left : x.right;
    }
    z.parent = y;
    if (y === this.nil) this.root = z;
    else if (key < y.key) y.left = z;
    else y.right = z;
    return this.insertFixup(z);
  }

  /** Restores the red-black properties after `inserted` was linked in as a red leaf. */
  private insertFixup(inserted: RBNode): RBNode {
    let w = inserted;
    while (w.parent.red) {
      const parent = w.parent;
      const grand = parent.parent;
      if (parent === grand.left) {
        const uncle = grand.right;
        if (uncle.red) {
          parent.red = false;
          uncle.red = false;
          grand.red = true;
          w = grand;
        } else {
          if (w === parent.right) {
            w = parent;
            this.rotateLeft(w);
          }
          w.parent.red = false;
          w.parent.parent.red = true;
          this.rotateRight(w.parent.parent);
        }
      } else {
        const uncle = grand.left;
        if (uncle.red) {
          parent.red = false;
          uncle.red = false;
          grand.red = true;
          w = grand;
        } else {
          if (w === parent.left) {
            w = parent;
            this.rotateRight(w);
          }
          w.parent.red = false;
          w.parent.parent.red = true;
          this.rotateLeft(w.parent.parent);
        }
      }
    }
    this.root.red = false;
    return inserted;
  }

  find(key: number): RBNode | undefined {
    let x = this.root;
    while (x !== this.nil) {
      if (key === x.key) return x;
      x = key < x.key ? x.left : x.right;
    }
    return undefined;
  }

  private transplant(u: RBNode, v: RBNode): void {
    if (u.parent === this.nil) this.root = v;
    else if (u === u.parent.left) u.parent.left = v;
    else u.parent.right = v;
    v.parent = u.parent;
  }

  erase(z: RBNode): void {
    let y = z;
    let yWasRed = y.red;
    let x: RBNode;
    if (z.left === this.nil) {
      x = z.right;
      this.transplant(z, z.right);
    } else if (z.right === this.nil) {
      x = z.left;
      this.transplant(z, z.left);
    } else {
      y = z.right;
      while (y.left !== this.nil) y = y.left;
      yWasRed = y.red;
      x = y.right;
      if (y.parent === z) x.parent = y;
      else {
        this.transplant(y, y.right);
        y.right = z.right;
        y.right.parent = y;
      }
      this.transplant(z, y);
      y.left = z.left;
      y.left.parent = y;
      y.red = z.red;
    }
    if (!yWasRed) this.eraseFixup(x);
  }

  private eraseFixup(start: RBNode): void {
    let x = start;
    while (x !== this.root && !x.red) {
      if (x === x.parent.left) {
        let w = x.parent.right;
        if (w.red) {
          w.red = false;
          x.parent.red = true;
          this.rotateLeft(x.parent);
          w = x.parent.right;
        }
        if (!w.left.red && !w.right.red) {
          w.red = true;
          x = x.parent;
        } else {
          if (!w.right.red) {
            w.left.red = false;
            w.red = true;
            this.rotateRight(w);
            w = x.parent.right;
          }
          w.red = x.parent.red;
          x.parent.red = false;
          w.right.red = false;
          this.rotateLeft(x.parent);
          x = this.root;
        }
      } else {
        let w = x.parent.left;
        if (w.red) {
          w.red = false;
          x.parent.red = true;
          this.rotateRight(x.parent);
          w = x.parent.left;
        }
        if (!w.right.red && !w.left.red) {
          w.red = true;
          x = x.parent;
        } else {
          if (!w.left.red) {
            w.right.red = false;
            w.red = true;
            this.rotateLeft(w);
            w = x.parent.left;
          }
          w.red = x.parent.red;
          x.parent.red = false;
          w.left.red = false;
          this.rotateRight(x.parent);
          x = this.root;
        }
      }
    }
    x.red = false;
  }
}

const trees = new WeakMap<RBNode[], Tree>();

export interface Input {
  keys: number[];
}

/** Distinct keys in a scattered order (a multiplicative permutation of 0..n-1). */
export function prepare(n: number): Input {
  const keys: number[] = [];
  for (let i = 0; i < n; i++) keys.push((i * 40503) % n);
  return { keys };
}

export function build(input: Input, out: RBNode[]): void {
  const tree = new Tree();
  const keys = input.keys;
  for (let i = 0; i < out.length; i++) out[i] = tree.insert(keys[i % keys.length] + (i - (i % keys.length)), i);
  trees.set(out, tree);
}

export function read(nodes: RBNode[]): number {
  const tree = trees.get(nodes) as Tree;
  let s = 0;
  for (let i = 0; i < nodes.length; i++) s += (tree.find(nodes[i].key) as RBNode).value;
  return s;
}

export function update(nodes: RBNode[]): number {
  const tree = trees.get(nodes) as Tree;
  for (let i = 0; i < nodes.length; i += 8) {
    const node = nodes[i];
    tree.erase(node);
    nodes[i] = tree.insert(node.key, node.value + 1);
  }
  return tree.root.key;
}

export function fieldCount(_o: RBNode): number {
  return 6;
}
