// sparse-optional: request options with many optional fields of which few are ever set. Pre-defining every
// slot costs memory here; this case exists to show that loss.
import { slots } from "ts-slots";

@slots
export class RequestOptions {
  url: string;
  method?: string;
  timeoutMs?: number;
  retries?: number;
  headers?: Record<string, string>;
  body?: string;
  cache?: boolean;
  redirect?: string;
  referrer?: string;
  integrity?: string;
  keepalive?: boolean;
  priority?: number;
  constructor(url: string) {
    this.url = url;
  }
}

export interface Input {
  urls: string[];
  headers: Record<string, string>;
}

export function prepare(_n: number): Input {
  const urls: string[] = [];
  for (let i = 0; i < 256; i++) urls.push("https://api.example.com/items/" + i);
  return { urls, headers: { accept: "application/json" } };
}

/** Every request has a url; one in four sets a timeout, one in sixteen sets a method; the rest stay unset. */
export function build(input: Input, out: RequestOptions[]): void {
  for (let i = 0; i < out.length; i++) {
    const r = new RequestOptions(input.urls[i & 255]);
    if ((i & 3) === 0) r.timeoutMs = 5000;
    if ((i & 15) === 1) r.method = "POST";
    out[i] = r;
  }
}

export function read(reqs: RequestOptions[]): number {
  let sum = 0;
  for (let i = 0; i < reqs.length; i++) {
    const r = reqs[i];
    sum += r.url.length + (r.timeoutMs !== undefined ? r.timeoutMs : 30000) + (r.method !== undefined ? 1 : 0);
  }
  return sum;
}

export function fieldCount(_o: RequestOptions): number {
  return 12;
}
