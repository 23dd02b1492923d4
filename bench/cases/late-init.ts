// late-init: two-phase initialisation. Connections are created from a config list first and opened later,
// so most fields are declared but only assigned after every instance already exists.
import { slots } from "ts-slots";

export const enum State {
  Idle = 0,
  Open = 1,
  Failed = 2,
}

@slots
export class Connection {
  id: number;
  host: string;
  // Assigned by open(), after construction.
  port!: number;
  state!: State;
  retries!: number;
  lastError!: string;
  constructor(id: number, host: string) {
    this.id = id;
    this.host = host;
  }
  open(port: number, retries: number): void {
    this.port = port;
    this.state = State.Open;
    this.retries = retries;
    this.lastError = "";
  }
}

export interface Input {
  hosts: string[];
}

export function prepare(_n: number): Input {
  const hosts: string[] = [];
  for (let i = 0; i < 64; i++) hosts.push("db-" + i + ".internal");
  return { hosts };
}

/** Phase 1 constructs every connection; phase 2 opens them all. */
export function build(input: Input, out: Connection[]): void {
  const hosts = input.hosts;
  for (let i = 0; i < out.length; i++) out[i] = new Connection(i, hosts[i & 63]);
  for (let i = 0; i < out.length; i++) out[i].open(5432 + (i & 7), i % 3);
}

export function read(conns: Connection[]): number {
  let sum = 0;
  for (let i = 0; i < conns.length; i++) {
    const c = conns[i];
    if (c.state === State.Open) sum += c.port + c.retries + c.id;
  }
  return sum;
}

export function fieldCount(_o: Connection): number {
  return 6;
}
