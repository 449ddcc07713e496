import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { readResult, RESULT_FILE_VARIABLE, type BenchResult } from './result.ts';

/** One invocation of a bench, as main saw it. */
export interface BenchRun {
  result: BenchResult | undefined;
  /** Set when it failed: exit status or missing result, and the tail of its output. */
  failure: string | undefined;
  seconds: number;
}

/** A bench that runs longer than this is stopped and counted as failed. */
const TIMEOUT_MS = 10 * 60_000;

/**
 * Runs `bench/<name>.ts` in a process of its own, its output passed through to ours, and reads
 * the result it wrote to `resultFile`.
 */
export function runBench(name: string, args: string[], resultFile: string): Promise<BenchRun> {
  const started = Date.now();
  const tail: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', `bench/${name}.ts`, ...args], {
    env: { ...process.env, [RESULT_FILE_VARIABLE]: resultFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const [input, output] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ] as const) {
    createInterface({ input }).on('line', (line) => {
      output.write(`  ${line}\n`);
      tail.push(line);
      if (tail.length > 25) tail.shift();
    });
  }
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, TIMEOUT_MS);

  return new Promise((resolve) => {
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const seconds = (Date.now() - started) / 1000;
      let result: BenchResult | undefined;
      let failure: string | undefined;
      try {
        if (existsSync(resultFile)) result = readResult(resultFile);
      } catch (error) {
        failure = `its result file could not be read: ${String(error)}`;
      }
      if (timedOut) failure = `stopped after ${TIMEOUT_MS / 60_000} min`;
      else if (code !== 0) failure = `exited with ${code ?? signal}`;
      else if (!result) failure ??= `exited 0 but wrote no result (${RESULT_FILE_VARIABLE})`;
      resolve({
        result,
        failure: failure && `${name}: ${failure}\n${tail.join('\n')}`,
        seconds,
      });
    });
  });
}
