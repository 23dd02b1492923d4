// cli/progress.ts — owns the progress indicator: on stderr only, redrawn in place on a TTY, sparse lines with --progress otherwise.

export interface ProgressStream {
  isTTY?: boolean;
  write(chunk: string): boolean;
}

export interface Progress {
  update(phase: string, done: number, total: number): void;
  message(text: string): void;
  finish(): void;
}

const silent: Progress = { update() {}, message() {}, finish() {} };

/**
 * `mode` "auto" shows progress only when the stream is a TTY; "on" always (plain lines when not a TTY);
 * "off" never. stdout is never written to, so `--json` output stays clean.
 */
export function createProgress(stream: ProgressStream, mode: "auto" | "on" | "off", now: () => number = Date.now): Progress {
  if (mode === "off" || (mode === "auto" && !stream.isTTY)) return silent;
  const tty = !!stream.isTTY;
  let lastDraw = 0;
  let lastPhase = "";
  let lastDecile = -1;
  let drawn = false;
  const draw = (text: string): void => {
    if (tty) {
      stream.write(`\r\x1b[K${text}`);
      drawn = true;
    } else {
      stream.write(`${text}\n`);
    }
  };
  return {
    update(phase, done, total) {
      if (phase === "done") return;
      const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
      if (tty) {
        const t = now();
        if (phase === lastPhase && t - lastDraw < 80 && done < total) return;
        lastDraw = t;
        lastPhase = phase;
        draw(`ts-slots: ${phase} ${done}/${total} (${pct}%)`);
      } else {
        const decile = Math.floor(pct / 10);
        if (phase === lastPhase && decile === lastDecile) return;
        lastPhase = phase;
        lastDecile = decile;
        draw(`ts-slots: ${phase} ${done}/${total} (${pct}%)`);
      }
    },
    message(text) {
      lastPhase = "";
      draw(`ts-slots: ${text}`);
    },
    finish() {
      if (tty && drawn) stream.write("\r\x1b[K");
      drawn = false;
    },
  };
}
