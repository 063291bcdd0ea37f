import { execSync } from 'node:child_process';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';

export interface MachineInfo {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly node: string;
  readonly platform: string;
  readonly memoryGiB: number;
  /** The open-file limit: each connection is a file descriptor on both sides of the loopback. */
  readonly openFileLimit: string;
  /** 1-minute load average when the run started: other work on the machine shows up in every figure. */
  readonly loadAverageAtStart: number;
}

export function machineInfo(): MachineInfo {
  let openFileLimit = 'unknown';
  try {
    openFileLimit = execSync('ulimit -n', { shell: '/bin/sh', encoding: 'utf8' }).trim();
  } catch {
    // Left as unknown: the figure is informative only.
  }
  const list = cpus();
  return {
    cpus: list.length,
    cpuModel: list[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${platform()} ${release()}`,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    openFileLimit,
    loadAverageAtStart: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}
