/**
 * Bundles each Lambda entry point (src/lambda/*.ts) with esbuild into its own folder, offline:
 * no Docker, no network. A folder holds what the function reads at run time besides its code,
 * laid out as in the repository so PACKAGE_ROOT finds it: package.json (name and version), the
 * page templates, the CloudFront Function (the local page site compiles it) and the deployment's
 * tenants file as config/tenants.yml.
 */
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build, type Plugin } from 'esbuild';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * @slack/socket-mode is bundled as a stub (infra/lambda-stubs/socket-mode.cjs) that refuses to
 * construct: no function uses Socket Mode, yet Bolt requires the package when it loads, and with
 * it undici (~0.5 MiB of the Slack function's 4.75 MiB; bench/profile/lambda-meta.ts).
 */
const noSocketMode: Plugin = {
  name: 'no-socket-mode',
  setup(b) {
    b.onResolve({ filter: /^@slack\/socket-mode$/ }, () => ({
      path: join(REPO_ROOT, 'infra', 'lambda-stubs', 'socket-mode.cjs'),
    }));
  },
};

/** The functions, by the name of their entry file in src/lambda/. */
export const LAMBDA_NAMES = ['slack', 'worker', 'http', 'schedule'] as const;
export type LambdaName = (typeof LAMBDA_NAMES)[number];

/** Where the function finds the tenants file inside its package (/var/task on Lambda). */
export const TENANTS_PATH_IN_BUNDLE = 'config/tenants.yml';

/** How every function is built: one ES module for Node 22, dependencies included. */
export const LAMBDA_BUILD_OPTIONS = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  minify: true,
  legalComments: 'none',
  // The emulators are loaded only by the embedded stack, which never starts on Lambda. resvg's
  // binary is per platform (the functions run on ARM64): left out, the functions draw no charts.
  external: ['dynalite', 's3rver', '@resvg/resvg-js'],
  // CommonJS dependencies call require(); an ES module has none of its own.
  banner: {
    js: "import { createRequire as __deckhandRequire } from 'node:module'; const require = __deckhandRequire(import.meta.url);",
  },
  plugins: [noSocketMode],
  logLevel: 'error',
} satisfies BuildOptions;

export interface LambdaBundle {
  name: LambdaName;
  dir: string;
  /** index.mjs, bytes. */
  codeBytes: number;
}

/** Bundles the four functions under `outDir`, each in its own folder. */
export async function bundleLambdas(options: {
  outDir: string;
  tenantsFile: string;
  minify?: boolean;
  /** Only these functions (tests); default all four. */
  only?: readonly LambdaName[];
}): Promise<LambdaBundle[]> {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  rmSync(options.outDir, { recursive: true, force: true });
  const bundles: LambdaBundle[] = [];
  for (const name of options.only ?? LAMBDA_NAMES) {
    const dir = join(options.outDir, name);
    await build({
      ...LAMBDA_BUILD_OPTIONS,
      entryPoints: [join(REPO_ROOT, 'src', 'lambda', `${name}.ts`)],
      outfile: join(dir, 'index.mjs'),
      minify: options.minify ?? true,
    });
    writeFileSync(
      join(dir, 'package.json'),
      `${JSON.stringify({ name: pkg.name, version: pkg.version, type: 'module', private: true }, null, 2)}\n`,
    );
    cpSync(join(REPO_ROOT, 'templates'), join(dir, 'templates'), { recursive: true });
    mkdirSync(join(dir, 'edge'), { recursive: true });
    copyFileSync(
      join(REPO_ROOT, 'edge', 'cloudfront-viewer-request.js'),
      join(dir, 'edge', 'cloudfront-viewer-request.js'),
    );
    mkdirSync(join(dir, 'config'), { recursive: true });
    copyFileSync(options.tenantsFile, join(dir, TENANTS_PATH_IN_BUNDLE));
    // The bot scopes an OAuth install asks for are read from the manifest (src/slack/slack-scopes.ts).
    copyFileSync(join(REPO_ROOT, 'manifest.yml'), join(dir, 'manifest.yml'));
    bundles.push({ name, dir, codeBytes: statSync(join(dir, 'index.mjs')).size });
  }
  return bundles;
}
