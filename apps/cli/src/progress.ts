/** Renders a run's progress on a terminal (one redrawn line) or a log (a line per change). */
export class ProgressPrinter {
  private last = '';

  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly label = 'sync',
  ) {}

  update(run: { id: string; progress: number; state: string; error: string | null }): void {
    const width = 30;
    const filled = Math.round((run.progress / 100) * width);
    const line = `${this.label} ${run.id.slice(0, 8)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(run.progress).padStart(3)}% ${run.state}${run.error && run.state !== 'failed' ? ` (${run.error})` : ''}`;
    if (line === this.last) return;
    this.last = line;
    if (this.out.isTTY) this.out.write(`\r${line}`);
    else this.out.write(`${line}\n`);
  }

  done(): void {
    if (this.out.isTTY && this.last) this.out.write('\n');
  }
}
