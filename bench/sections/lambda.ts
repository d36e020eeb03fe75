/**
 * 7. The Lambda bundles (infra/bundle-lambdas.ts, what `npm run synth` deploys): each function's
 * index.mjs size, and its cold-start import time — a fresh `node` process timing
 * `await import(index.mjs)`, which is what Lambda's init phase does before the first event
 * (module load and top-level code: the SDK clients made once per container; the secret and the
 * stores come later, at the first invocation). Baseline: a bundle of `@aws-sdk/client-sqs` with
 * one client made at load, built the same way: about the smallest useful Lambda.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { bundleLambdas, LAMBDA_BUILD_OPTIONS, REPO_ROOT } from '../../infra/bundle-lambdas.ts';
import { track } from '../lib/child.ts';
import { median, round } from '../lib/stats.ts';

/** A fresh Node process: spawn → the import resolved, as measured inside it. */
function importOnce(file: string): Promise<number> {
  const script =
    'const t = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t));';
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, file], {
      // The functions read nothing from the environment when they load; AWS_REGION as on Lambda.
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', AWS_REGION: 'us-east-1' },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    track(child);
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.once('exit', (code) =>
      code === 0 ? resolve(Number(out)) : reject(new Error(`importing ${file} exited ${code}`)),
    );
  });
}

export async function measureLambdaBundles(runs: number) {
  const dir = mkdtempSync(join(tmpdir(), 'deckhand-bench-lambda-'));
  try {
    const t0 = performance.now();
    const bundles = await bundleLambdas({
      outDir: join(dir, 'functions'),
      tenantsFile: join(REPO_ROOT, 'config', 'tenants.example.yml'),
    });
    const bundleMs = performance.now() - t0;
    const baselineEntry = join(dir, 'baseline.ts');
    writeFileSync(
      baselineEntry,
      "import { SQSClient } from '@aws-sdk/client-sqs';\nconst sqs = new SQSClient({});\nexport const handler = async () => sqs.config.region;\n",
    );
    const baselineFile = join(dir, 'baseline', 'index.mjs');
    await build({
      ...LAMBDA_BUILD_OPTIONS,
      entryPoints: [baselineEntry],
      outfile: baselineFile,
      nodePaths: [join(REPO_ROOT, 'node_modules')],
    });
    const imports = new Map(bundles.map((b) => [b.name, [] as number[]]));
    const baselineImports: number[] = [];
    // Rounds: each function once, then the baseline, so load on the machine falls on all.
    for (let i = 0; i < runs; i += 1) {
      for (const bundle of bundles)
        imports.get(bundle.name)?.push(await importOnce(join(bundle.dir, 'index.mjs')));
      baselineImports.push(await importOnce(baselineFile));
    }
    const functions = bundles.map((bundle) => {
      const samples = imports.get(bundle.name) ?? [];
      return {
        name: bundle.name,
        codeBytes: bundle.codeBytes,
        importMs: samples.map(round),
        medianImportMs: round(median(samples)),
      };
    });
    return {
      bundleMs: round(bundleMs),
      functions,
      baseline: {
        codeBytes: statSync(baselineFile).size,
        importMs: baselineImports.map(round),
        medianImportMs: round(median(baselineImports)),
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
