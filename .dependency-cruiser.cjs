/**
 * The architecture as rules (`npm run lint:deps`, part of `npm test`): dependencies run one way,
 * from the composition roots (cli, lambda, server start) through the Slack layer and the jobs
 * to the domain, never back. A cycle or a wrong-way import fails the build with the rule's name.
 */

/** Folders of pure domain code: parsing, pricing, money, time, text, bookings, tenants. */
const DOMAIN = '^src/(intake|pricing|money|time|text|bookings|tenants)/';
/** The I/O layers the domain must not reach. */
const IO_LAYERS = '^src/(storage|slack|slack-standin|server|runtime|queue|jobs|lambda|cli)/';
/** Slack listeners: registered by the Slack app, imported by nothing below it. */
const LISTENERS = '^(commands/|views/listeners/)';
/** Who may import src/runtime/: the places that build the runtime and start things. */
const COMPOSITION_ROOTS = '^(src/runtime/|src/cli/|src/lambda/|src/local-mode/)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle means two modules cannot be understood, tested or moved apart.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-imports-no-io',
      severity: 'error',
      comment:
        'Parsing, pricing, money, time, text, bookings and tenants are pure: they take now, rates ' +
        'and the tenant as arguments and reach no store, queue, server or Slack.',
      from: { path: DOMAIN },
      to: {
        path: [IO_LAYERS, '^views/', '^commands/', '@aws-sdk/', '@slack/bolt', '@slack/web-api'],
      },
    },
    {
      name: 'crew-imports-no-pipeline',
      severity: 'error',
      comment:
        'The pipeline runs crew steps (src/pipeline/steps/crew-*), so crew must not import the ' +
        'pipeline back: shared types live in src/bookings/. A folder cycle, which no-circular ' +
        '(per file) does not see.',
      from: { path: '^src/crew/' },
      to: { path: '^src/pipeline/' },
    },
    {
      name: 'views-build-blocks-only',
      severity: 'error',
      comment:
        'views/*.ts build Block Kit from plain data: no stores, runtime, queue, jobs or pipeline ' +
        'runners, and no listeners (the listeners import the builders, not the other way).',
      // Files directly in views/ (any extension), not views/listeners/.
      from: { path: '^views/[^/]+$' },
      to: {
        path: [
          '^src/(storage|runtime|queue|jobs|pipeline|slack|server|lambda|cli)/',
          LISTENERS,
          '@aws-sdk/',
          '@slack/bolt',
          '@slack/web-api',
        ],
      },
    },
    {
      name: 'jobs-and-queue-import-no-listeners',
      severity: 'error',
      comment:
        'Listeners acknowledge, validate and enqueue; jobs do the work. A job importing a listener ' +
        'runs Bolt code in the worker.',
      from: { path: '^src/(jobs|queue)/' },
      to: { path: LISTENERS },
    },
    {
      name: 'listeners-only-from-the-slack-app',
      severity: 'error',
      comment:
        'Only the Slack app (src/slack/create-slack-app.ts) registers listeners; shared pieces ' +
        'belong in views/*.ts, src/slack/ or the domain.',
      from: { path: '^src/', pathNot: '^src/slack/create-slack-app\\.ts$' },
      to: { path: LISTENERS },
    },
    {
      name: 'runtime-only-from-composition-roots',
      severity: 'error',
      comment:
        'src/runtime/ wires every store and client; only the CLI, the Lambda entry points and the ' +
        'server start may import it. Everything else is handed what it needs.',
      from: {
        path: '^(src|commands|views|packages)/',
        pathNot: COMPOSITION_ROOTS,
      },
      to: { path: '^src/runtime/' },
    },
    {
      name: 'dynamodb-sdk-only-in-storage',
      severity: 'error',
      comment: 'DynamoDB is behind the stores in src/storage/: nothing else speaks its SDK.',
      from: { path: '^(src|commands|views|packages)/', pathNot: '^src/storage/' },
      to: { path: '@aws-sdk/(client-dynamodb|lib-dynamodb)' },
    },
    {
      name: 'packages-stand-alone',
      severity: 'error',
      comment: 'packages/* are published on their own: they import nothing from the app.',
      from: { path: '^packages/' },
      to: { path: '^(src|commands|views|bin|edge|infra)/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing fails at run time.',
      from: {},
      // aws-lambda is a types-only package (@types/aws-lambda): nothing to resolve at run time.
      to: { couldNotResolve: true, pathNot: '^aws-lambda$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Fixtures are data (test/fixtures/dependency-rules/ breaks these rules on purpose).
    exclude: { path: ['(^|/)node_modules/', '^test/fixtures/', '^templates/', '^samples/'] },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.cjs', '.mjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
