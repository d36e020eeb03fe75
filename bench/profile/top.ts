/**
 * Summarises a V8 CPU profile (`node --cpu-prof`): the top self-time functions and the share of
 * each package (node_modules/<pkg>, deckhand's own code, Node internals, GC).
 *   node --import tsx bench/profile/top.ts <file.cpuprofile> [n]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function owner(url: string): string {
  if (!url) return '(native / GC / idle)';
  if (url.startsWith('node:')) return 'node internals';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  if (url.includes('/packages/')) return `@deckhand/${url.split('/packages/')[1]?.split('/')[0]}`;
  return 'deckhand';
}

/** Coarser than packages: the layers a DynamoDB request goes through. */
function layer(pkg: string): string {
  if (pkg.startsWith('@aws-sdk/') || pkg.startsWith('@smithy/')) return 'AWS SDK client';
  if (/^(dynalite|abstract-level|classic-level|level-|lock$|big\.js|lazy$|once$)/.test(pkg))
    return 'dynalite + LevelDB (embedded DynamoDB)';
  if (/^(s3rver|koa|@koa\/|xmlbuilder|fast-xml-parser)/.test(pkg)) return 's3rver (embedded S3)';
  return pkg;
}

export function summarise(profile: Profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const fn = new Map<string, number>();
  const pkg = new Map<string, number>();
  const layers = new Map<string, number>();
  let total = 0;
  for (const [id, us] of self) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') continue;
    total += us;
    const short = url
      .replace(/^.*node_modules\//, '')
      .replace(/^file:\/\/.*?\/(src|views|commands|packages|test|bench)\//, '$1/');
    const key =
      `${functionName || '(anonymous)'} ${short ? `${short}:${lineNumber + 1}` : ''}`.trim();
    fn.set(key, (fn.get(key) ?? 0) + us);
    const p = functionName === '(garbage collector)' ? 'GC' : owner(url);
    pkg.set(p, (pkg.get(p) ?? 0) + us);
    layers.set(layer(p), (layers.get(layer(p)) ?? 0) + us);
  }
  const sorted = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .map(([k, us]) => ({ name: k, ms: us / 1000, share: us / total }));
  return {
    busyMs: total / 1000,
    functions: sorted(fn),
    packages: sorted(pkg),
    layers: sorted(layers),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: top.ts <file.cpuprofile> [n]');
  const n = Number(process.argv[3] ?? 15);
  const s = summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  process.stdout.write(`busy ${s.busyMs.toFixed(0)} ms\n\nby package:\n`);
  for (const p of s.packages.slice(0, n))
    process.stdout.write(
      `  ${pct(p.share).padStart(6)}  ${p.ms.toFixed(0).padStart(6)} ms  ${p.name}\n`,
    );
  process.stdout.write('\nby layer:\n');
  for (const p of s.layers.slice(0, n))
    process.stdout.write(
      `  ${pct(p.share).padStart(6)}  ${p.ms.toFixed(0).padStart(6)} ms  ${p.name}\n`,
    );
  process.stdout.write('\ntop self time:\n');
  for (const f of s.functions.slice(0, n))
    process.stdout.write(
      `  ${pct(f.share).padStart(6)}  ${f.ms.toFixed(0).padStart(6)} ms  ${f.name}\n`,
    );
}
