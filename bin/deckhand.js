#!/usr/bin/env node
// The `deckhand` command. It runs the TypeScript sources through tsx's loader, so a fresh
// clone works right after `npm install` (`npx deckhand ...`) with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2), {
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
