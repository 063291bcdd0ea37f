import { closeSync, fdatasyncSync, mkdirSync, openSync, readFileSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { summarize } from './stats';
import type { Summary } from './stats';

/** Where the servers' data directories go, and what holds them. */
export interface DataDisk {
  readonly path: string;
  /** The file system type of the mount holding `path`, as /proc/mounts names it (ext4, xfs, tmpfs, overlay…). */
  readonly filesystem: string;
  readonly device: string;
}

/** statfs's magic number for tmpfs: memory, where an fsync costs nothing and every store looks free. */
const tmpfsMagic = 0x01021994;

function mountOf(path: string): { filesystem: string; device: string } {
  try {
    const mounts = readFileSync('/proc/mounts', 'utf8')
      .split('\n')
      .map((line) => line.split(' '))
      .filter((fields) => fields.length >= 3)
      .map(([device, mountPoint, filesystem]) => ({ device: device as string, mountPoint: (mountPoint as string).replace(/\\040/g, ' '), filesystem: filesystem as string }));
    const holding = mounts.filter((m) => path === m.mountPoint || path.startsWith(m.mountPoint.endsWith('/') ? m.mountPoint : `${m.mountPoint}/`));
    const deepest = holding.sort((a, b) => b.mountPoint.length - a.mountPoint.length)[0];
    return deepest === undefined ? { filesystem: 'unknown', device: 'unknown' } : { filesystem: deepest.filesystem, device: deepest.device };
  } catch {
    return { filesystem: 'unknown', device: 'unknown' };
  }
}

/**
 * A directory on a real disk for the servers' data, so that what Quorum pays to make each batch
 * durable (an fsync) is paid: the system's temporary directory unless that is tmpfs, else one
 * under the repository's `bench-results/`.
 */
export function dataDisk(repoRoot: string): DataDisk {
  const temporary = resolve(tmpdir());
  const onTmpfs = (() => {
    try {
      return statfsSync(temporary).type === tmpfsMagic;
    } catch {
      return true;
    }
  })();
  const path = onTmpfs ? join(repoRoot, 'bench-results', 'data') : join(temporary, 'quorum-bench');
  return { path, ...mountOf(path) };
}

/**
 * What one durable write costs on `path`: a 4 KiB write and fdatasync, `count` times, in ms. A
 * store that acknowledges only what is on disk pays at least this per batch, whatever its code.
 */
export function fsyncLatency(path: string, count = 50): Summary {
  mkdirSync(path, { recursive: true });
  const file = join(path, `fsync-probe-${process.pid}`);
  const fd = openSync(file, 'w');
  const page = Buffer.alloc(4096, 1);
  const durations: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const start = performance.now();
      writeSync(fd, page, 0, page.length, (i % 16) * page.length);
      fdatasyncSync(fd);
      durations.push(performance.now() - start);
    }
  } finally {
    closeSync(fd);
    rmSync(file, { force: true });
  }
  return summarize(durations);
}

/**
 * A directory in memory (/dev/shm, where Linux has it), for one comparison only: the same server
 * with nothing paid for durability, so that a report can tell the disk's share of a latency from
 * the code's. Undefined where there is none.
 */
export function memoryDisk(): DataDisk | undefined {
  const path = '/dev/shm/quorum-bench';
  try {
    if (statfsSync('/dev/shm').type !== tmpfsMagic) return undefined;
  } catch {
    return undefined;
  }
  return { path, ...mountOf(path) };
}
