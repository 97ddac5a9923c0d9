import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { AppError } from '../kernel/errors.js';
import { registerAddressCommands } from './address.commands.js';
import { registerDataCommands } from './data.commands.js';
import { registerRatingCommands } from './rating.commands.js';
import { registerPackingCommands } from './packing.commands.js';
import { registerRoutingCommands } from './routing.commands.js';
import { registerKeyCommands } from './keys.commands.js';
import { registerUserCommands } from './users.commands.js';
import { registerLabelCommands } from './labels.commands.js';
import { registerTrackingCommands } from './tracking.commands.js';
import { registerChannelCommands } from './channels.commands.js';
import { registerCarrierCommands } from './carriers.commands.js';
import { registerOrderCommands } from './orders.commands.js';
import { registerServeCommand } from './serve.command.js';
import { registerTruckPlanCommands } from './truck-plans.commands.js';
import { registerVrpCommands } from './vrp.commands.js';
import { describeError, EXIT, exitCodeFor, stderr } from './output.js';

export function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number');
  return n;
}

export function buildProgram(): Command {
  const program = new Command('lastmile')
    .description('lastmile: decide, explain and carry out the delivery of every order')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerServeCommand(program);
  registerKeyCommands(program);
  registerUserCommands(program);
  registerOrderCommands(program);
  registerAddressCommands(program);
  registerRatingCommands(program);
  registerPackingCommands(program);
  registerRoutingCommands(program);
  registerDataCommands(program);
  registerVrpCommands(program);
  registerTruckPlanCommands(program);
  registerLabelCommands(program);
  registerTrackingCommands(program);
  registerChannelCommands(program);
  registerCarrierCommands(program);
  program.addOption(new Option('--no-color', 'plain output').hideHelp());
  // Subcommands inherit exitOverride so usage errors reach main() with exit code 2.
  for (const c of program.commands) {
    c.exitOverride();
    for (const sub of c.commands) sub.exitOverride();
  }
  return program;
}

export async function main(argv: string[]): Promise<void> {
  // A closed pipe (`… | head`) ends the command quietly, as Unix tools do.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(EXIT.ok);
  });
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') process.exit(EXIT.ok);
      process.exit(EXIT.usage);
    }
    stderr(describeError(e));
    if (!(e instanceof AppError) && process.env['LASTMILE_DEBUG']) console.error(e);
    process.exit(exitCodeFor(e));
  }
}
