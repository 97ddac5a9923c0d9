/**
 * A progress bar on stderr, drawn only when stderr is a terminal (CONVENTIONS.md); elsewhere it
 * prints nothing, so logs and pipes stay clean.
 */
export class ProgressBar {
  private readonly tty = Boolean(process.stderr.isTTY);
  private readonly started = Date.now();
  private lastDraw = 0;

  constructor(private readonly label: string, private total: number | null) {}

  update(done: number, total: number | null = this.total) {
    this.total = total;
    if (!this.tty) return;
    const now = Date.now();
    if (now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const rate = done / Math.max(0.001, (now - this.started) / 1000);
    const width = 30;
    let bar = '';
    if (this.total && this.total > 0) {
      const f = Math.min(1, done / this.total);
      bar = `[${'#'.repeat(Math.round(f * width)).padEnd(width, '-')}] ${(f * 100).toFixed(0).padStart(3)}% `;
    }
    const of = this.total ? `/${this.total.toLocaleString('en-US')}` : '';
    process.stderr.write(`\r${this.label} ${bar}${done.toLocaleString('en-US')}${of} rows  ${Math.round(rate).toLocaleString('en-US')}/s   `);
  }

  finish() {
    if (this.tty && this.lastDraw > 0) process.stderr.write('\n');
  }
}
