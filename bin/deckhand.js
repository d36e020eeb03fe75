#!/usr/bin/env node
// The `deckhand` command. It runs the TypeScript sources through tsx's loader, so a fresh
// clone works right after `npm install` (`npx deckhand ...`) with no build step.
import { register } from 'tsx/esm/api';

// The AWS SDK warns on every run that its releases after January 2027 need Node 22. The
// lockfile pins the SDK, and the README says so; keep every other warning visible.
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (!String(warning.message).includes('NodeVersionSupportWarning'))
    console.warn(`${warning.name}: ${warning.message}`);
});

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2), {
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
