import { Argument, Option } from 'commander';
import { defineCommands } from '../cli/cli-commands.js';
import { EXIT } from '../common/error-mapping.js';
import {
  checkCombination,
  defaultTarget,
  DEFAULTS,
  formatMix,
  isLoopbackHost,
  type LoadTestOptions,
  type Mix,
  parseDuration,
  parseMix,
  parseRampUp,
  parseTarget,
  parseThinkTime,
  parseUsers,
  TARGETS,
} from './load-test-options.js';
import { writeResultFiles } from './result-files.js';
import { buildResults, formatSummary } from './results.js';
import { runLoadTest } from './runner.js';

interface CommandOptions {
  target?: URL;
  mix: Mix;
  thinkTime: number;
  rateLimitAware?: boolean;
  out: string;
  json?: boolean;
}

/**
 * `holibot load-test [users] [duration] [rampUp]`: the earlier system's `scripts/load-test.js`.
 * It talks to a running server over HTTP and WebSocket only: it reads the configuration (for
 * PORT and the metrics settings) but opens no database and starts no Nest context.
 */
export const loadTestCommands = defineCommands({
  imports: [],
  register(program, cli) {
    program
      .command('load-test')
      .description(
        `load a running server with virtual users (chat, session reads, page and widget, WebSocket chat); ` +
          `exit 1 when p95 ≥ ${TARGETS.p95Ms} ms or errors ≥ ${TARGETS.errorRatePercent} %`,
      )
      .addArgument(new Argument('[users]', 'virtual users').argParser(parseUsers).default(DEFAULTS.users))
      .addArgument(new Argument('[duration]', 'seconds of load, ramp-up included').argParser(parseDuration).default(DEFAULTS.durationS))
      .addArgument(new Argument('[rampUp]', 'seconds over which the users start, evenly').argParser(parseRampUp).default(DEFAULTS.rampUpS))
      .addOption(
        new Option(
          '--target <url>',
          "the server's base URL (default: http://127.0.0.1:$PORT of this configuration); another host only when named here",
        ).argParser(parseTarget),
      )
      .addOption(
        new Option('--mix <shares>', 'share of the users per scenario: chat, session, static, ws')
          .argParser(parseMix)
          .default(DEFAULTS.mix, formatMix(DEFAULTS.mix)),
      )
      .addOption(new Option('--think-time <ms>', "a user's pause between two steps, ±50 %").argParser(parseThinkTime).default(DEFAULTS.thinkTimeMs))
      .option('--rate-limit-aware', 'give each visitor an X-Forwarded-For address of its own, if the target is found to trust it (TRUST_PROXY)')
      .option('--out <dir>', 'where the run folder with results.json and report.html goes', DEFAULTS.out)
      .option('--json', 'print results.json on stdout instead of the summary table')
      .action(async (users: number, durationS: number, rampUpS: number, command: CommandOptions) => {
        checkCombination({ durationS, rampUpS });
        const log = (line: string) => process.stderr.write(`${line}\n`);
        const config = cli.config();
        const target = command.target ?? defaultTarget({ host: config.host, port: config.port });
        if (command.target && !isLoopbackHost(target.hostname)) {
          log(`Note: ${target.origin} is not a loopback address; it is load-tested because --target names it.`);
        }
        const options: LoadTestOptions = {
          target,
          targetGiven: command.target !== undefined,
          users,
          durationS,
          rampUpS,
          mix: command.mix,
          thinkTimeMs: command.thinkTime,
          rateLimitAware: command.rateLimitAware === true,
          outDir: command.out,
          json: command.json === true,
        };
        log(
          `Load test of ${target.href}: ${users} users, ${durationS} s, ramp-up ${rampUpS} s, mix ${formatMix(options.mix)}, think time ${options.thinkTimeMs} ms ±50 %`,
        );
        const run = await runLoadTest(options, { metrics: config.metrics, log, signals: process });
        const results = buildResults(run);
        const folder = await writeResultFiles(options.outDir, results);
        if (options.json) {
          process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
          log(`Results: ${folder}/results.json, ${folder}/report.html`);
        } else {
          process.stdout.write(`${formatSummary(results)}\nResults: ${folder}/results.json, ${folder}/report.html\n`);
        }
        if (!results.verdict.passed) {
          for (const missed of results.verdict.missed) log(`holibot: load test: target missed: ${missed}`);
          process.exitCode = EXIT.failed;
        }
      });
  },
});
