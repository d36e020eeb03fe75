/**
 * A/B of a Lambda bundle's cold-start import: `node --import tsx bench/profile/lambda-ab.ts
 * a/index.mjs b/index.mjs 10` imports each in a fresh node process, alternating, and prints
 * each side's median (the lambda section's measurement, with more rounds for a small change).
 */
import { spawnSync } from 'node:child_process';
import { median, round } from '../lib/stats.ts';

const [a, b, rounds = '10'] = process.argv.slice(2);
if (!a || !b) throw new Error('usage: lambda-ab.ts <a.mjs> <b.mjs> [rounds]');
const script =
  'const t = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t));';
const once = (file: string) =>
  Number(
    spawnSync(process.execPath, ['--input-type=module', '-e', script, file], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', AWS_REGION: 'us-east-1' },
      encoding: 'utf8',
    }).stdout,
  );
const samples: Record<string, number[]> = { a: [], b: [] };
for (let i = 0; i < Number(rounds); i += 1) {
  const order = i % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const);
  for (const side of order) samples[side]?.push(once(side === 'a' ? a : b));
}
for (const side of ['a', 'b'])
  console.log(side, round(median(samples[side] ?? [])), 'ms', samples[side]?.map(round).join(' '));
