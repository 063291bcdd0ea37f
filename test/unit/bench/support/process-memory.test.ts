import { describe, expect, it } from 'vitest';
import { mappingKind, readMappedMemory } from '../../../bench/support/process-memory';

const node = '/usr/bin/node';

/** One mapping of /proc/<pid>/smaps: its header and its Rss line, as the kernel writes them. */
const mapping = (path: string, rssKiB: number) =>
  [`55d0a0000000-55d0a4000000 r-xp 00000000 fe:01 1234   ${path}`.trimEnd(), 'Size:              65536 kB', `Rss:               ${rssKiB} kB`, 'Pss:               100 kB'].join('\n');

describe('resident memory by mapping', () => {
  it('tells the node executable, native code, anonymous memory and other files apart', () => {
    expect(mappingKind(node, node)).toBe('nodeExecutableMiB');
    expect(mappingKind('/repo/node_modules/better-sqlite3/build/Release/better_sqlite3.node', node)).toBe('nativeCodeMiB');
    expect(mappingKind('/usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.30', node)).toBe('nativeCodeMiB');
    expect(mappingKind('/usr/lib/x86_64-linux-gnu/libc.so.6', node)).toBe('nativeCodeMiB');
    expect(mappingKind('', node)).toBe('anonymousMiB');
    expect(mappingKind('[heap]', node)).toBe('anonymousMiB');
    expect(mappingKind('/tmp/data/quorum.sqlite-shm', node)).toBe('otherFilesMiB');
  });

  it('sums each mapping’s Rss under its kind, in MiB', () => {
    const smaps = [
      mapping(node, 30 * 1024),
      mapping(node, 10 * 1024),
      mapping('/x/better_sqlite3.node', 2048),
      mapping('', 5 * 1024),
      mapping('[heap]', 1024),
      mapping('/tmp/q/quorum.sqlite-shm', 32),
    ].join('\n');
    expect(readMappedMemory(smaps, node)).toEqual({ rssMiB: 48, nodeExecutableMiB: 40, nativeCodeMiB: 2, anonymousMiB: 6, otherFilesMiB: 0 });
  });
});
