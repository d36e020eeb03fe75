/** The README's `$ npx deckhand …` examples print exactly what the README says they print. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli-harness.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** Splits a command line the way a POSIX shell does for plain words and quotes. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  for (const m of line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g))
    words.push(m[1] ?? m[2] ?? m[3] ?? '');
  return words;
}

const examples = [
  ...readFileSync(join(ROOT, 'README.md'), 'utf8').matchAll(
    /```\n\$ (npx deckhand [^\n]*)\n([\s\S]*?)```/g,
  ),
].map((m) => [m[1] ?? '', m[2] ?? ''] as const);

describe('README examples', () => {
  it('has the examples the README promises', () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
  });

  it.each(examples)('%s', async (command, expected) => {
    const [, , ...argv] = shellWords(command);
    const previous = process.cwd();
    process.chdir(ROOT);
    try {
      const run = await runCli(argv);
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe(expected);
    } finally {
      process.chdir(previous);
    }
  });
});
