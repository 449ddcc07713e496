import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * A TypeScript module run in a process of its own (`node --import tsx`, so the pid is the
 * program itself and not a tsx wrapper: its memory and CPU time can be read from /proc), with
 * an IPC channel: the child says `{type: 'ready', ...}` once, then answers requests by `id`.
 */
export interface BenchChild {
  pid: number;
  /** What the child said in its `ready` message. */
  ready: Record<string, unknown>;
  /** Sends without waiting (posts to broadcast: the fast path). */
  send(message: Record<string, unknown>): void;
  /** Sends and waits for the answer carrying the same `id`. */
  request<T>(message: Record<string, unknown>): Promise<T>;
  /** Resident set size, from /proc/<pid>/status (VmRSS). */
  rssBytes(): number;
  /** User + system CPU time so far, from /proc/<pid>/stat. */
  cpuMs(): number;
  /** Its stderr, and stdout when `echo` is off, for an error message. */
  output: string[];
  stop(): Promise<void>;
}

export async function spawnChild(
  file: string,
  env: Record<string, string>,
  options: { nodeArgs?: string[]; startTimeoutMs?: number } = {},
): Promise<BenchChild> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', file], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const output: string[] = [];
  // Both pipes stay drained for the child's whole life, or a chatty child would block on them.
  for (const stream of [child.stdout, child.stderr])
    if (stream) createInterface({ input: stream }).on('line', (line) => keep(output, line));

  const waiting = new Map<number, (value: unknown) => void>();
  let nextId = 1;
  child.on('message', (message: { id?: number }) => {
    if (message.id === undefined) return;
    waiting.get(message.id)?.(message);
    waiting.delete(message.id);
  });

  const ready = await waitForReady(child, output, options.startTimeoutMs ?? 30_000);
  // spawn() succeeded and the child answered, so it has a pid.
  const pid = child.pid!;
  return {
    pid,
    ready,
    send: (message) => void child.send(message),
    request<T>(message: Record<string, unknown>) {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        waiting.set(id, resolve as (value: unknown) => void);
        child.send({ ...message, id }, (error) => error && reject(error));
      });
    },
    rssBytes: () => readRss(pid),
    cpuMs: () => readCpuMs(pid),
    output,
    stop: () => stopChild(child),
  };
}

function keep(lines: string[], line: string): void {
  lines.push(line);
  if (lines.length > 200) lines.shift();
}

function waitForReady(
  child: ChildProcess,
  output: string[],
  timeoutMs: number,
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child did not start in ${timeoutMs} ms:\n${output.join('\n')}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`child exited with ${code}:\n${output.join('\n')}`));
    });
    child.once('message', (message: Record<string, unknown>) => {
      clearTimeout(timer);
      if (message['type'] === 'ready') resolve(message);
      else reject(new Error(`child's first message was not ready: ${JSON.stringify(message)}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** VmRSS of a process, in bytes (Linux). */
export function readRss(pid: number | 'self'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  if (kib === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kib) * 1024;
}

/** utime + stime of a process in ms. Clock ticks are 100 a second on Linux (USER_HZ). */
export function readCpuMs(pid: number | 'self'): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; fields are counted after its closing ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The IPC side of a child: `ready` once, then answers to requests. */
export function serveParent(
  ready: Record<string, unknown>,
  handle: (message: Record<string, unknown>) => unknown,
): void {
  // Spawned with an IPC channel (spawnChild), so process.send exists.
  const send = process.send!.bind(process);
  process.on('message', (message: Record<string, unknown>) => {
    void Promise.resolve(handle(message)).then((answer) => {
      if (message['id'] !== undefined && answer !== undefined)
        send({ ...(answer as object), id: message['id'] });
    });
  });
  // A bench that died must not leave its children running.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', ...ready });
}
