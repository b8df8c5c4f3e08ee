// @ts-check
/**
 * `npm run test:stress`: runs `npm test` several times in a row (default 5, or the first argument) while
 * one busy loop per core keeps the CPU full, and prints each run's result and duration. Each run's
 * output goes to stress-results/run-N.log. Exits non-zero if any run failed.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

const runs = Number(process.argv[2] ?? 5);
const cores = availableParallelism();
mkdirSync('stress-results', { recursive: true });

const busy = Array.from({ length: cores }, () => spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
const stopBusy = () => busy.forEach((child) => child.kill());
process.on('exit', stopBusy);
process.on('SIGINT', () => process.exit(130));
console.log(`${cores} busy loops started (one per core); ${runs} runs of npm test follow.`);

const results = [];
for (let run = 1; run <= runs; run++) {
  const log = `stress-results/run-${run}.log`;
  const started = Date.now();
  const code = await new Promise((resolve) => {
    const child = spawn('npm', ['test'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const file = createWriteStream(log);
    child.stdout.pipe(file);
    child.stderr.pipe(file);
    child.on('close', resolve);
  });
  const seconds = Math.round((Date.now() - started) / 1000);
  const output = readFileSync(log, 'utf8');
  const browser = output.match(/^tests: .*$/m)?.[0] ?? 'no web-test-runner summary';
  const node = [...output.matchAll(/^# (pass|fail) (\d+)$/gm)].map((m) => `${m[1]} ${m[2]}`).join(', ') || 'no node:test summary';
  const line = `run ${run}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${seconds} s — ${browser}; node:test ${node} (${log})`;
  results.push(code === 0);
  console.log(line);
}
stopBusy();
const failed = results.filter((ok) => !ok).length;
console.log(`${runs - failed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
