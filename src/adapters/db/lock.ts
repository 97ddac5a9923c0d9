import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../kernel/errors.js';

export interface DataDirLock {
  release(): void;
}

interface LockInfo {
  pid: number;
  role: 'server' | 'cli';
  url?: string;
  started_at: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite can be opened by one process only; a second opener would corrupt it. The lock file
 * names the holder so the other process can say who has it and what to do instead.
 */
export function acquireDataDirLock(dataDir: string, holder: { role: 'server' | 'cli'; url?: string }): DataDirLock {
  const path = join(dataDir, 'lastmile.lock');
  const info: LockInfo = { pid: process.pid, role: holder.role, started_at: new Date().toISOString() };
  if (holder.url) info.url = holder.url;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify(info));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const current = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
          if (current.pid === process.pid) rmSync(path, { force: true });
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return { release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let other: LockInfo | undefined;
      try {
        other = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
      } catch {
        other = undefined;
      }
      if (other && other.pid !== process.pid && alive(other.pid)) {
        const who = other.role === 'server' ? `a running lastmile server (pid ${other.pid}${other.url ? `, ${other.url}` : ''})` : `another lastmile command (pid ${other.pid})`;
        const hint = other.role === 'server'
          ? 'stop it, or set LASTMILE_URL and LASTMILE_API_KEY to work through its API'
          : 'wait for it to finish';
        throw new AppError('DATABASE_LOCKED', `The embedded database in ${dataDir} is held by ${who}: ${hint}.`, {
          details: { pid: other.pid, role: other.role },
        });
      }
      // Stale lock from a process that died: take it over.
      rmSync(path, { force: true });
    }
  }
  throw new AppError('DATABASE_LOCKED', `Could not lock the embedded database in ${dataDir}.`);
}
