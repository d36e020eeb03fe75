/**
 * What a Lambda bundle is made of: `node --import tsx bench/profile/lambda-meta.ts [slack] [30]`
 * builds the function as `npm run synth` does (infra/bundle-lambdas.ts) with esbuild's metafile
 * and prints its size and the largest packages (or deckhand folders) by bytes in the output.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { LAMBDA_BUILD_OPTIONS, REPO_ROOT } from '../../infra/bundle-lambdas.ts';

const name = process.argv[2] ?? 'slack';
const top = Number(process.argv[3] ?? 30);
const dir = mkdtempSync(join(tmpdir(), 'deckhand-lambda-meta-'));
try {
  const result = await build({
    ...LAMBDA_BUILD_OPTIONS,
    entryPoints: [join(REPO_ROOT, 'src', 'lambda', `${name}.ts`)],
    outfile: join(dir, 'index.mjs'),
    metafile: true,
  });
  const [output] = Object.values(result.metafile.outputs);
  if (!output) throw new Error('esbuild wrote no output');
  const byPart = new Map<string, number>();
  for (const [file, input] of Object.entries(output.inputs)) {
    const pkg = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(file)?.[1];
    const part = pkg ?? file.split('/').slice(0, 2).join('/');
    byPart.set(part, (byPart.get(part) ?? 0) + input.bytesInOutput);
  }
  console.log(`${name}: ${(output.bytes / 1024 / 1024).toFixed(2)} MiB`);
  for (const [part, bytes] of [...byPart].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${(bytes / 1024).toFixed(0).padStart(6)} KiB  ${part}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
