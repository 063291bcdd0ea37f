import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** Owner read and write only. */
export const privateFileMode = 0o600;

/**
 * A small JSON map in a file that only its owner can read. Written to a new file created with mode
 * 0600 and renamed over the old one, so the content is never readable by others, not even for an
 * instant, and a crash leaves either the old or the new map. A file found with wider permissions
 * (copied in by hand, say) is narrowed before it is read.
 */
export interface PrivateJsonFile {
  read(): Record<string, string>;
  write(values: Record<string, string>): void;
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

export function privateJsonFile(path: string, platform: NodeJS.Platform = process.platform): PrivateJsonFile {
  // Windows has no POSIX modes; the file lives in the user's own profile there.
  const posix = platform !== 'win32';
  return {
    read() {
      let text: string;
      try {
        if (posix && (statSync(path).mode & 0o077) !== 0) chmodSync(path, privateFileMode);
        text = readFileSync(path, 'utf8');
      } catch (error) {
        if (isErrno(error, 'ENOENT')) return {};
        throw error;
      }
      const parsed = JSON.parse(text) as unknown;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
      return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    },
    write(values) {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      const fd = openSync(temporary, 'wx', privateFileMode);
      try {
        writeSync(fd, JSON.stringify(values));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      // The umask cannot widen a mode given at creation, but a chmod makes the intent explicit.
      if (posix) chmodSync(temporary, privateFileMode);
      renameSync(temporary, path);
    },
  };
}
