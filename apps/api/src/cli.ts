#!/usr/bin/env node
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Command, CommanderError } from 'commander';
import { CliModule, FEATURE_COMMANDS } from './cli/cli.module.js';
import type { CliContext } from './cli/cli-commands.js';
import { DomainError } from './common/domain-error.js';
import { EXIT, exitCodeOf } from './common/error-mapping.js';
import { AppConfig } from './config/app-config.js';
import { warnIfEnvFileReadable } from './config/env-file.js';
import { openDatabase } from './database/open-database.js';

/**
 * `holibot <command>`: operator tasks with the same modules and configuration as the server,
 * without an HTTP listener. Each feature brings its commands (`<feature>.commands.ts`, listed in
 * cli/cli.module.ts). Exit codes: 0 done, 1 failed, 2 bad usage.
 */
const cli: CliContext = {
  async run(work) {
    const config = cliConfig();
    const dataSource = await openDatabase(config, {
      warn: (message) => console.error(`holibot: ${message}`),
      debug: (message) => config.log.level === 'debug' && console.error(message),
    });
    const app = await NestFactory.createApplicationContext(CliModule.forRoot(config, dataSource), { logger: ['error', 'warn'], abortOnError: false });
    try {
      return await work(app, dataSource);
    } finally {
      await app.close();
    }
  },
  config: cliConfig,
};

/** The configuration, and the warning when `.env` is readable by others (every command, with or without the database). */
function cliConfig(): AppConfig {
  const config = AppConfig.fromProcess();
  warnIfEnvFileReadable((message) => console.error(`holibot: warning: ${message}`));
  return config;
}

const program = new Command('holibot')
  .description("HoliBot command line: the database, the POI catalogue and the other features' operator tasks")
  .exitOverride()
  .configureOutput({ writeErr: (text) => process.stderr.write(text) })
  // `holibot --help` lists every command, nested ones (`poi import`) included, a line each.
  .configureHelp({ visibleCommands: (command) => leafCommands(command), subcommandTerm: (command) => commandPath(command) });
for (const feature of FEATURE_COMMANDS) feature.register(program, cli);

function leafCommands(command: Command): Command[] {
  return command.commands.flatMap((child) => (child.commands.length ? leafCommands(child) : [child]));
}

function commandPath(command: Command): string {
  const names: string[] = [];
  for (let current: Command | null = command; current && current !== program; current = current.parent) names.unshift(current.name());
  const args = command.registeredArguments.map((argument) => (argument.required ? `<${argument.name()}>` : `[${argument.name()}]`));
  return [...names, ...(command.options.length ? ['[options]'] : []), ...args].join(' ');
}

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    return;
  }
  // An expected failure: its code and message, the same as the API would give; anything else is a bug or a fault.
  if (error instanceof DomainError) {
    console.error(`holibot: ${error.code}: ${error.message}`);
    process.exitCode = exitCodeOf(error.code);
    return;
  }
  console.error(`holibot: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = EXIT.failed;
});
