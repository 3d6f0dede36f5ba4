import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { InvalidArgumentError } from 'commander';
import { cliActor, defineCommands } from '../cli/cli-commands.js';
import { InvalidRequestError } from '../common/domain-error.js';
import { textTable } from '../common/text-table.js';
import { AppConfig } from '../config/app-config.js';
import { prepareSchema, requireSchema } from '../database/database.module.js';
import { AdminAccountsModule } from './admin.module.js';
import { AdminUsersService, MIN_PASSWORD_LENGTH, ROLES } from './admin-users.service.js';

const roleOption = (value: string) => {
  if (!(ROLES as readonly string[]).includes(value)) throw new InvalidArgumentError(`use ${ROLES.join(' or ')}`);
  return value;
};

/**
 * The password, never from an argument (it would sit in the shell history and `ps`): typed at a
 * hidden prompt twice, or the first line of stdin when it is not a terminal (a script, a pipe).
 */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const lines = createInterface({ input: process.stdin });
    for await (const line of lines) {
      lines.close();
      return line;
    }
    throw new InvalidRequestError('no password on stdin (give it as the first line)');
  }
  const first = await hiddenPrompt(`Password (at least ${MIN_PASSWORD_LENGTH} characters): `);
  const second = await hiddenPrompt('The same password again: ');
  if (first !== second) throw new InvalidRequestError('the two passwords differ');
  return first;
}

function hiddenPrompt(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const prompt = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    prompt.question(question, (answer) => {
      prompt.close();
      process.stderr.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}

/** `holibot admin create|reset-password|list|disable|enable`. */
export const adminCommands = defineCommands({
  imports: [AdminAccountsModule],
  register(program, cli) {
    const admin = program.command('admin').description('the admin UI accounts (passwords are read from a hidden prompt or stdin, never from arguments)');
    admin
      .command('create')
      .description('create an admin user; the password is asked for (or read from the first line of stdin)')
      .requiredOption('--email <address>', 'the e-mail address to sign in with')
      .option('--role <role>', `admin (may change things) or viewer (reads only)`, roleOption, 'admin')
      .action(async (options: { email: string; role: 'admin' | 'viewer' }) => {
        const password = await readPassword();
        await cli.run(async (app, dataSource) => {
          await prepareSchema(dataSource, app.get(AppConfig));
          const user = await app.get(AdminUsersService).create({ email: options.email, password, role: options.role }, cliActor());
          console.log(`Created ${user.role} ${user.email}.`);
        });
      });
    admin
      .command('reset-password')
      .description("set a user's password (asked for, or the first line of stdin); the user's sessions end")
      .requiredOption('--email <address>', 'whose password')
      .action(async (options: { email: string }) => {
        const password = await readPassword();
        await cli.run(async (app, dataSource) => {
          await prepareSchema(dataSource, app.get(AppConfig));
          await app.get(AdminUsersService).resetPassword(options.email, password, cliActor());
          console.log(`Password of ${options.email.toLowerCase()} changed; their sessions have ended.`);
        });
      });
    admin
      .command('list')
      .description('the admin users: e-mail, role, created, last sign-in, disabled')
      .option('--json', 'print them as JSON')
      .action(async (options: { json?: boolean }) => {
        await cli.run(async (app, dataSource) => {
          await requireSchema(dataSource);
          const users = await app.get(AdminUsersService).list();
          if (options.json) return console.log(JSON.stringify(users, null, 2));
          if (users.length === 0) return console.log('No admin user yet: holibot admin create --email you@example.com');
          console.log(
            textTable(
              ['email', 'role', 'created', 'last sign-in', 'disabled'],
              users.map((u) => [
                u.email,
                u.role,
                u.createdAt.slice(0, 16).replace('T', ' '),
                u.lastLoginAt?.slice(0, 16).replace('T', ' ') ?? '-',
                u.disabled ? 'yes' : 'no',
              ]),
            ),
          );
        });
      });
    for (const [name, disabled] of [
      ['disable', true],
      ['enable', false],
    ] as const) {
      admin
        .command(name)
        .description(disabled ? 'stop a user from signing in (their sessions end)' : 'let a disabled user sign in again')
        .requiredOption('--email <address>', 'which user')
        .action(async (options: { email: string }) => {
          await cli.run(async (app, dataSource) => {
            await prepareSchema(dataSource, app.get(AppConfig));
            await app.get(AdminUsersService).setDisabled(options.email, disabled, cliActor());
            console.log(`${options.email.toLowerCase()} is ${disabled ? 'disabled' : 'enabled'}.`);
          });
        });
    }
  },
});
