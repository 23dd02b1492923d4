// seed: the Python notebook's workload ported: User(uid, name, active), 100,000 instances, name "user" + i.
import { slots } from "ts-slots";

@slots
export class User {
  uid: number;
  name: string;
  active: boolean;
  constructor(uid: number, name: string, active: boolean) {
    this.uid = uid;
    this.name = name;
    this.active = active;
  }
}

export interface Input {
  names: string[];
}

/** Inputs made before the measured window: the notebook's f"user{i}" strings. */
export function prepare(n: number): Input {
  const names: string[] = [];
  for (let i = 0; i < n; i++) names.push("user" + i);
  return { names };
}

/** make_users(cls, n): fills `out` with n users. */
export function build(input: Input, out: User[]): void {
  const names = input.names;
  for (let i = 0; i < out.length; i++) out[i] = new User(i, names[i], i % 2 === 0);
}

/** The notebook's read: u.uid + (1 if u.active else 0), over every user. */
export function read(users: User[]): number {
  let sum = 0;
  for (let i = 0; i < users.length; i++) {
    const u = users[i];
    sum += u.uid + (u.active ? 1 : 0);
  }
  return sum;
}

/** Declared fields of one instance (the V8 floor is 24 + 8 per field). */
export function fieldCount(_o: User): number {
  return 3;
}
