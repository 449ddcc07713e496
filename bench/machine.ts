import { readFileSync } from 'node:fs';
import os from 'node:os';

/** The machine a benchmark ran on, as the report prints it beside the figures. */
export interface Machine {
  cpu: string;
  cores: number;
  memoryBytes: number;
  node: string;
  os: string;
  /** 1, 5 and 15 minute load averages when the benchmark started. */
  loadAverage: [number, number, number];
  /** The soft limit on open files (`ulimit -n`); every WebSocket costs one. */
  openFilesLimit: number | undefined;
}

/** Reads the soft "Max open files" of this process (Linux); undefined elsewhere. */
function openFilesLimit(): number | undefined {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const soft = line?.split(/\s{2,}/)[1];
    return soft === undefined || soft === 'unlimited' ? undefined : Number(soft);
  } catch {
    return undefined;
  }
}

export function describeMachine(): Machine {
  const cpus = os.cpus();
  const [one, five, fifteen] = os.loadavg();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryBytes: os.totalmem(),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: [one ?? NaN, five ?? NaN, fifteen ?? NaN],
    openFilesLimit: openFilesLimit(),
  };
}

/** One line for the report and the console. */
export function machineLine(machine: Machine): string {
  const gib = (machine.memoryBytes / 1024 ** 3).toFixed(1);
  const load = machine.loadAverage.map((l) => l.toFixed(2)).join(' / ');
  const files = machine.openFilesLimit ?? 'unlimited';
  return `${machine.cpu}, ${machine.cores} cores, ${gib} GiB, ${machine.os}, Node ${machine.node}, load ${load}, ulimit -n ${files}`;
}
