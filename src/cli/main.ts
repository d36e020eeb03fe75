/**
 * The `deckhand` command line: one dispatcher, one place that turns errors into a message
 * that says what to fix. Configuration is read once, here, from the injected environment.
 */
import { loadConfig } from '../config/config.ts';
import { DeckhandError, InputError } from '../errors.ts';
import { VERSION } from '../package-root.ts';
import { loadTenantsFile } from '../tenants/tenant-registry.ts';
import { type CliIo, EXIT } from './cli-io.ts';
import { runCloseCommand } from './close-command.ts';
import { runCrewCommand } from './crew-commands.ts';
import { runParseCommand } from './parse-command.ts';
import {
  runBookCommand,
  runCancelCommand,
  runListCommand,
  runRetryCommand,
  runStatusCommand,
} from './pipeline-commands.ts';
import { runQuoteCommand } from './quote-command.ts';
import { runReportCommand } from './report-command.ts';
import { runServeCommand } from './serve-command.ts';

export const USAGE = `deckhand ${VERSION}: turns a charter-boat booking into a coordinated charter.

Usage: deckhand <command> [options]

Commands:
  parse [FILE|-]   read a booking from an email, Slack JSON, pasted text or a /charter line
  quote            cost breakdown of a charter with a tenant's rates
  book [FILE|-]    approve a booking and run the pipeline (pages, calendar, crew event)
  status BOOKING   a booking, its steps and its event log
  list             a tenant's bookings
  retry BOOKING    run failed steps again
  cancel BOOKING   cancel: guest page notice, event and calendar entry cancelled
  crew BOOKING     who is on a charter and their answers; crew assign puts someone on it
  report           a tenant's P&L (text, --csv or --json), for its approvers
  close BOOKING    close out a charter: actual hours, extra costs, tips, refund (docs/money.md)
  serve            start the HTTP server (what npm start runs)

Run deckhand <command> --help for a command's options.`;

/** Runs the CLI; returns the process exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    io.stdout.write(`${USAGE}\n`);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  if (command === '--version' || command === 'version') {
    io.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  try {
    const config = loadConfig(io.env);
    const tenants = await loadTenantsFile(config.tenantsFile);
    switch (command) {
      case 'parse':
        return await runParseCommand(args, io, config, tenants);
      case 'quote':
        return runQuoteCommand(args, io, tenants);
      case 'book':
        return await runBookCommand(args, io, config, tenants);
      case 'status':
        return await runStatusCommand(args, io, config, tenants);
      case 'list':
        return await runListCommand(args, io, config, tenants);
      case 'retry':
        return await runRetryCommand(args, io, config, tenants);
      case 'cancel':
        return await runCancelCommand(args, io, config, tenants);
      case 'crew':
        return await runCrewCommand(args, io, config, tenants);
      case 'report':
        return await runReportCommand(args, io, config, tenants);
      case 'close':
        return await runCloseCommand(args, io, config, tenants);
      case 'serve':
        return await runServeCommand(args, io, config, tenants);
      default:
        io.stderr.write(`deckhand: unknown command "${command}".\n\n${USAGE}\n`);
        return EXIT.usage;
    }
  } catch (error) {
    return reportError(error, io);
  }
}

/** The one place errors become words for a person. Unexpected errors keep their stack. */
function reportError(error: unknown, io: CliIo): number {
  if (error instanceof DeckhandError) {
    io.stderr.write(`deckhand: ${error.message}\n${error.hint ? `${error.hint}\n` : ''}`);
    return error instanceof InputError ? EXIT.input : EXIT.usage;
  }
  // node:util parseArgs throws TypeErrors with these codes for unknown or malformed options.
  const code = (error as { code?: string }).code;
  if (code?.startsWith('ERR_PARSE_ARGS')) {
    io.stderr.write(`deckhand: ${(error as Error).message}\nRun deckhand --help for usage.\n`);
    return EXIT.usage;
  }
  io.stderr.write(
    `deckhand: unexpected error; please report it with this output.\n${(error as Error)?.stack ?? String(error)}\n`,
  );
  return EXIT.usage;
}
