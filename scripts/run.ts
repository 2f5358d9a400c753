/**
 * `npm start`, `npm run dev`, `npm run build` and `npm run preview` with the data folder setting (issue #12):
 * `--data <folder>` (or DATA_DIR, else `data`, the bundled sample) is taken out of the arguments and handed on as
 * DATA_DIR; everything else goes to Vite, so `npm start -- --data ../daishan-data --port 5180` works and Vite never
 * sees `--data` (its option parser refuses unknown options with CACError). The refresh (start, build) or the served
 * folder check (dev, preview) prints `数据目录: …, 区县: …` first.
 *
 * Usage: tsx scripts/run.ts start|dev|build|preview [--data <folder>] [--replace-district] [vite options…]
 *   start    refresh the data folder into public/data, then serve on 127.0.0.1:5173
 *   dev      check public/data holds the data folder's district, then vite
 *   build    refresh, typecheck, vite build
 *   preview  check dist/data holds the data folder's district, then serve dist on 127.0.0.1:4173
 *   --replace-district  (start, build) passed to the refresh: replace another district's data in public/data
 * Exit: the first failing step's code; 2 on a usage error.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkServed } from './check-served';
import { dataDirFromEnv, PROJECT_ROOT } from './lib/data-dir';

export const COMMANDS = ['start', 'dev', 'build', 'preview'] as const;
export type Command = (typeof COMMANDS)[number];

/** One step of a command: the refresh, the served folder check, or a tool of node_modules. */
export type Step =
  | { kind: 'refresh'; args: string[] }
  | { kind: 'check'; served: 'dev' | 'preview' }
  | { kind: 'bin'; bin: 'vite' | 'tsc'; args: string[] };

export interface Plan {
  /** The data folder, as given (DATA_DIR for every step). */
  dataDir: string;
  steps: Step[];
}

/** The entry script of each tool, run with this Node (no shell, so folder names with spaces pass as they are). */
const BINS = {
  vite: join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
  tsc: join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
} as const;

/**
 * What a command runs, with `--data` and `--replace-district` taken out of `argv` and the rest left for Vite.
 * Throws with a one-line message on a usage error.
 *
 * @example planRun('start', ['--data', 'x', '--port', '5180'], {})
 * // { dataDir: 'x', steps: [{ kind: 'refresh', args: [] }, { kind: 'bin', bin: 'vite', args: ['--host', …, '--port', '5180'] }] }
 */
export function planRun(command: string, argv: string[], env: NodeJS.ProcessEnv): Plan {
  if (!(COMMANDS as readonly string[]).includes(command))
    throw new Error(`unknown command '${command}'; use one of ${COMMANDS.join(', ')}`);
  let data: string | undefined;
  const refreshArgs: string[] = [];
  const rest: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k];
    if (arg === '--data') {
      data = argv[++k];
      if (data === undefined || data === '' || data.startsWith('--'))
        throw new Error('--data needs a folder: --data <folder>');
    } else if (arg.startsWith('--data=')) {
      data = arg.slice('--data='.length);
      if (data === '') throw new Error('--data needs a folder: --data=<folder>');
    } else if (arg === '--replace-district') {
      if (command !== 'start' && command !== 'build')
        throw new Error(`--replace-district is for start and build (which refresh), not ${command}`);
      refreshArgs.push(arg);
    } else rest.push(arg);
  }
  const dataDir = data ?? dataDirFromEnv(env);
  const serve = serveDefaults(['--host', '127.0.0.1', '--port', '5173', '--strictPort'], rest);
  const steps: Record<Command, Step[]> = {
    start: [
      { kind: 'refresh', args: refreshArgs },
      { kind: 'bin', bin: 'vite', args: [...serve, ...rest] },
    ],
    dev: [
      { kind: 'check', served: 'dev' },
      { kind: 'bin', bin: 'vite', args: rest },
    ],
    build: [
      { kind: 'refresh', args: refreshArgs },
      { kind: 'bin', bin: 'tsc', args: ['-p', 'tsconfig.json', '--noEmit'] },
      { kind: 'bin', bin: 'vite', args: ['build', ...rest] },
    ],
    preview: [
      { kind: 'check', served: 'preview' },
      {
        kind: 'bin',
        bin: 'vite',
        args: ['preview', ...serveDefaults(['--host', '127.0.0.1', '--port', '4173', '--strictPort'], rest), ...rest],
      },
    ],
  };
  return { dataDir, steps: steps[command as Command] };
}

/**
 * The default serve options that the user's own options do not replace: Vite reads `--port 5173 --port 5180` as a
 * list and refuses it, so a `--port` (or `--host`) given replaces the default one.
 */
function serveDefaults(defaults: string[], rest: string[]): string[] {
  const given = (flag: string) => rest.some((a) => a === flag || a.startsWith(`${flag}=`));
  const out: string[] = [];
  for (let k = 0; k < defaults.length; k++) {
    const flag = defaults[k];
    const takesValue = flag === '--host' || flag === '--port';
    if (!given(flag)) out.push(flag, ...(takesValue ? [defaults[k + 1]] : []));
    if (takesValue) k++;
  }
  return out;
}

/** Runs the plan's steps in order with DATA_DIR set; returns the first non-zero exit code, else 0. */
export async function runPlan(plan: Plan, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const childEnv = { ...env, DATA_DIR: plan.dataDir };
  for (const step of plan.steps) {
    const code =
      step.kind === 'check'
        ? checkServed(step.served, childEnv)
        : await runNode(
            step.kind === 'refresh'
              ? ['--import', 'tsx', join(PROJECT_ROOT, 'scripts', 'refresh.ts'), ...step.args]
              : [BINS[step.bin], ...step.args],
            childEnv,
          );
    if (code !== 0) return code;
  }
  return 0;
}

/** A Node child with this terminal; Ctrl-C and a stop signal reach it, and its exit code comes back. */
function runNode(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit', env, cwd: process.cwd() });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      done(code ?? (signal ? 1 : 0));
    });
    child.on('error', (e) => {
      console.error(`run: ${e.message}`);
      done(1);
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const [command = '', ...argv] = process.argv.slice(2);
  let plan: Plan;
  try {
    plan = planRun(command, argv, process.env);
  } catch (e) {
    console.error(`${command || 'run'}: ${(e as Error).message}`);
    console.error('usage: npm start|run dev|run build|run preview -- [--data <folder>] [vite options…]');
    process.exit(2);
  }
  runPlan(plan).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(`${command}: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}
