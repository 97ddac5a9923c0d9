import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../kernel/errors.js';

/**
 * A PDF's first page as PNG through poppler's pdftoppm (Debian package poppler-utils), at a
 * thermal printer's 203 dpi by default.
 */
export async function pdfToPng(pdf: Buffer, opts: { dpi?: number; page?: number } = {}): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'lastmile-png-'));
  try {
    await writeFile(join(dir, 'in.pdf'), pdf);
    const page = String(opts.page ?? 1);
    await new Promise<void>((resolve, reject) => {
      execFile('pdftoppm', ['-png', '-r', String(opts.dpi ?? 203), '-f', page, '-l', page, '-singlefile', join(dir, 'in.pdf'), join(dir, 'out')], { timeout: 30_000 }, (err) => {
        if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') {
          reject(new AppError('CONFIGURATION', 'PNG previews need pdftoppm (Debian/Ubuntu: apt-get install poppler-utils); PDF and ZPL work without it'));
        } else if (err) reject(err);
        else resolve();
      });
    });
    return await readFile(join(dir, 'out.png'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
