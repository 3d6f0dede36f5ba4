import { userInfo } from 'node:os';
import type { DynamicModule, INestApplicationContext, Type } from '@nestjs/common';
import type { Command } from 'commander';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';

/** What a command's action may use: the feature's Nest providers and the open database. */
export interface CliContext {
  /**
   * Opens the database, starts a Nest application context (configuration, database and the
   * feature modules, no HTTP) for `work`, and closes both afterwards, whatever happens.
   */
  run<T>(work: (app: INestApplicationContext, dataSource: DataSource) => Promise<T>): Promise<T>;
  /**
   * The configuration alone (`.env` under the environment, validated), for a command that needs
   * neither the database nor a Nest context: `load-test` talks to a running server.
   */
  config(): AppConfig;
}

/**
 * A feature's commands (`<feature>.commands.ts`): the Nest modules their actions need beside
 * configuration and the database, and a function that adds them to the `holibot` program.
 * Actions report expected failures by throwing a DomainError (cli.ts prints its code and message
 * and exits with its exit code) or set `process.exitCode` for a plain "no" (`migrate --check`).
 */
export interface FeatureCommands {
  readonly imports: ReadonlyArray<Type | DynamicModule>;
  register(program: Command, cli: CliContext): void;
}

export function defineCommands(commands: FeatureCommands): FeatureCommands {
  return commands;
}

/** Who the command line acts as in audit rows and version records: `cli:<the OS user>`. */
export function cliActor(): { actor: string } {
  try {
    return { actor: `cli:${userInfo().username}` };
  } catch {
    return { actor: 'cli' };
  }
}
