/** `deckhand serve` (what `npm start` runs): the HTTP server and a plain account of what is set up. */
import { parseArgs } from 'node:util';
import type { Config } from '../config/config.ts';
import { createLogger } from '../logging/logger.ts';
import { VERSION } from '../package-root.ts';
import { startHttpServer, stopHttpServer } from '../server/http-server.ts';
import type { TenantRegistry } from '../tenants/tenant-registry.ts';
import { type CliIo, EXIT } from './cli-io.ts';
import { UsageError } from './usage-error.ts';

export const SERVE_USAGE = `Usage: deckhand serve

Starts deckhand's HTTP server on HOST:PORT (default 127.0.0.1:3000) and prints what is
configured. Stop it with Ctrl-C.`;

/** The start-up account: what runs, and what is not configured yet and what that means. */
export function describeSetup(config: Config, tenants: TenantRegistry, url: string): string {
  const lines = [
    `deckhand is listening on ${url} (health check: ${url}/healthz)`,
    `Tenants (${config.tenantsFile}): ${tenants
      .list()
      .map((t) => `${t.id} (${t.timezone})`)
      .join(', ')}`,
    'Ready now: the intake parser and the cost breakdown, from the command line:',
    '  npx deckhand parse test/fixtures/emails/01-plain-text-confirmed.eml --tenant queen-of-san-diego',
    '  npx deckhand quote --tenant queen-of-san-diego --revenue 840.75 --hours 3',
    'Not configured yet:',
  ];
  if (!config.slack.botToken) {
    lines.push(
      '  - Slack: SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN are not set, so no Slack workspace is connected.',
    );
  }
  if (!config.dashboard) {
    lines.push(
      '  - Calendar: DASHBOARD_URL is not set; the built-in calendar will stand in for it.',
    );
  }
  if (!config.scc)
    lines.push(
      '  - Crew events: SCC_URL is not set; the built-in SCC-compatible service will stand in for it.',
    );
  if (config.slack.botToken && config.dashboard && config.scc)
    lines.push('  (nothing: every external system is set)');
  lines.push(
    'The approval pipeline, the Slack app and the guest and crew pages are not in this build yet.',
  );
  return `${lines.join('\n')}\n`;
}

/** Runs until SIGINT/SIGTERM, then closes the server and exits 0. */
export async function runServeCommand(
  args: string[],
  io: CliIo,
  config: Config,
  tenants: TenantRegistry,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { help: { type: 'boolean', short: 'h', default: false } },
  });
  if (values.help) {
    io.stdout.write(`${SERVE_USAGE}\n`);
    return EXIT.ok;
  }
  if (positionals.length > 0)
    throw new UsageError(`Unexpected argument "${positionals[0]}".`, SERVE_USAGE);

  const logger = createLogger(config.logLevel);
  const { server, url } = await startHttpServer(
    { tenants, logger, version: VERSION },
    { host: config.host, port: config.port },
  );
  io.stdout.write(describeSetup(config, tenants, url));

  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      logger.info({ signal }, 'shutting down');
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await stopHttpServer(server);
  logger.flush();
  return EXIT.ok;
}
