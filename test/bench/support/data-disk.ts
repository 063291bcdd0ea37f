import { readFileSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

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
