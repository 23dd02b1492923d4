// progress: the live progress line on stderr (rewritten in place on a TTY, one line per few seconds otherwise).

export class Progress {
  constructor(stream = process.stderr) {
    this.stream = stream;
    this.tty = Boolean(stream.isTTY);
    this.started = Date.now();
    this.lastPlain = 0;
    this.width = 0;
    this.total = 0;
    this.done = 0;
    this.phase = "";
    this.phases = {};
  }

  /** Starts a phase with `total` steps. */
  phaseStart(phase, total) {
    this.endPhase();
    this.phase = phase;
    this.total = total;
    this.done = 0;
    this.phaseStarted = Date.now();
    this.update("");
  }

  /** Records how long the current phase took (result.phaseSeconds). */
  endPhase() {
    if (this.phase) this.phases[this.phase] = Math.round((Date.now() - this.phaseStarted) / 100) / 10;
    this.phase = "";
  }

  step(label) {
    this.done++;
    this.update(label);
  }

  update(label) {
    const elapsed = (Date.now() - this.started) / 1000;
    let eta = "";
    if (this.done > 0 && this.total > this.done) {
      const perStep = (Date.now() - this.phaseStarted) / this.done;
      eta = ` eta ${fmtSecs((perStep * (this.total - this.done)) / 1000)}`;
    }
    const count = this.total ? ` [${this.done}/${this.total}]` : "";
    const line = `bench ${fmtSecs(elapsed)} ${this.phase}${count}${eta} ${label}`;
    if (this.tty) {
      const cols = this.stream.columns || 120;
      const shown = line.length > cols - 1 ? line.slice(0, cols - 1) : line;
      this.stream.write(`\r${shown}${" ".repeat(Math.max(0, this.width - shown.length))}`);
      this.width = shown.length;
    } else if (Date.now() - this.lastPlain > 5000 || this.done === this.total) {
      this.lastPlain = Date.now();
      this.stream.write(line + "\n");
    }
  }

  /** Prints a message on its own line without breaking the live line. */
  log(message) {
    this.clear();
    this.stream.write(message + "\n");
  }

  clear() {
    if (this.tty && this.width > 0) {
      this.stream.write(`\r${" ".repeat(this.width)}\r`);
      this.width = 0;
    }
  }
}

export function fmtSecs(seconds) {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
}
