/**
 * A progress line for long CLI commands (demo:load, backup, db:copy), written to stderr so that stdout
 * stays clean for what scripts read. On a terminal it redraws one line; elsewhere (CI, a log file) it
 * prints a line at every tenth of the work, so a log shows progress without thousands of lines.
 */
export interface Progress {
  update(done: number): void;
  finish(message?: string): void;
}

export function progressBar(label: string, total: number, unit: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = performance.now();
  const interactive = Boolean(stream.isTTY);
  let lastTenth = -1;
  let lastDraw = 0;
  const line = (done: number) => {
    const fraction = total > 0 ? Math.min(1, done / total) : 1;
    const width = 24;
    const filled = Math.round(fraction * width);
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    return `${label} [${"#".repeat(filled)}${" ".repeat(width - filled)}] ${Math.floor(fraction * 100)
      .toString()
      .padStart(3)}% ${done.toLocaleString("en")}/${total.toLocaleString("en")} ${unit} (${rate.toLocaleString("en")} ${unit}/s)`;
  };
  return {
    update(done) {
      if (interactive) {
        const now = performance.now();
        if (now - lastDraw < 100 && done < total) return;
        lastDraw = now;
        stream.write(`\r${line(done)}`);
        return;
      }
      const tenth = total > 0 ? Math.floor((done / total) * 10) : 10;
      if (tenth > lastTenth) {
        lastTenth = tenth;
        stream.write(`${line(done)}\n`);
      }
    },
    finish(message) {
      if (interactive) stream.write("\n");
      if (message) stream.write(`${message}\n`);
    },
  };
}
