import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { DomainError } from '../common/domain-error.js';
import type { CliContext } from '../cli/cli-commands.js';
import { loadTestCommands } from './load-test.commands.js';
import {
  checkCombination,
  defaultTarget,
  DEFAULTS,
  formatMix,
  graceMs,
  isLoopbackHost,
  parseDuration,
  parseMix,
  parseRampUp,
  parseTarget,
  parseThinkTime,
  parseUsers,
  targetUrl,
} from './load-test-options.js';

describe('load test arguments', () => {
  it('users, duration, rampUp and think time are whole numbers within their bounds', () => {
    expect(parseUsers('20')).toBe(20);
    expect(parseUsers(' 100 ')).toBe(100);
    expect(parseDuration('60')).toBe(60);
    expect(parseRampUp('0')).toBe(0);
    expect(parseThinkTime('0')).toBe(0);
    for (const bad of ['0', '-1', '1.5', 'abc', '', '1e3', '10001']) expect(() => parseUsers(bad)).toThrow(InvalidArgumentError);
    expect(() => parseDuration('0')).toThrow('must be a whole number from 1 to 86400');
    expect(() => parseThinkTime('600001')).toThrow(InvalidArgumentError);
  });

  it('the defaults are the earlier script’s: 100 users, 60 s, 10 s ramp-up, chat 60 / session 15 / static 15 / ws 10', () => {
    expect(DEFAULTS).toMatchObject({ users: 100, durationS: 60, rampUpS: 10, thinkTimeMs: 1000, out: 'load-test-results' });
    expect(formatMix(DEFAULTS.mix)).toBe('chat=60,session=15,static=15,ws=10');
  });

  describe('--mix', () => {
    it('reads name=weight pairs; a scenario left out gets no users', () => {
      expect(parseMix('chat=60,session=15,static=15,ws=10')).toEqual({ chat: 60, session: 15, static: 15, ws: 10 });
      expect(parseMix(' ws = 1 , chat=3 ')).toEqual({ chat: 3, session: 0, static: 0, ws: 1 });
      expect(parseMix('static=2.5')).toEqual({ chat: 0, session: 0, static: 2.5, ws: 0 });
    });

    it('refuses unknown names, repeated names, bad weights and an all-zero mix', () => {
      expect(() => parseMix('chat=60,video=40')).toThrow('unknown scenario "video"');
      expect(() => parseMix('chat=60,chat=40')).toThrow('"chat" is given twice');
      expect(() => parseMix('chat=-1')).toThrow(InvalidArgumentError);
      expect(() => parseMix('chat')).toThrow(InvalidArgumentError);
      expect(() => parseMix('chat=0,ws=0')).toThrow('at least one scenario needs a weight above 0');
      expect(() => parseMix('')).toThrow(InvalidArgumentError);
    });
  });

  describe('--target and the default target', () => {
    it('takes an http(s) base URL, keeping a path without its trailing slash', () => {
      expect(parseTarget('http://127.0.0.1:3002').href).toBe('http://127.0.0.1:3002/');
      const behindProxy = parseTarget('https://chat.example.org/holibot/');
      expect(behindProxy.pathname).toBe('/holibot');
      expect(targetUrl(behindProxy, '/api/v1/chat/message').href).toBe('https://chat.example.org/holibot/api/v1/chat/message');
      expect(targetUrl(parseTarget('http://localhost:3002'), '/').pathname).toBe('/');
      for (const bad of ['ftp://x', 'localhost:3002', 'not a url', 'http://u:p@x', 'http://x/?a=1', 'http://x/#y']) {
        expect(() => parseTarget(bad)).toThrow(InvalidArgumentError);
      }
    });

    it('knows loopback addresses without a DNS lookup', () => {
      for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', 'api.localhost', '[::1]', '::1', '[::ffff:127.0.0.1]', 'LOCALHOST']) {
        expect([host, isLoopbackHost(host)]).toEqual([host, true]);
      }
      for (const host of ['10.0.0.1', '192.0.2.10', 'example.org', '[::2]', '[::ffff:10.0.0.1]', '0.0.0.0', 'localhost.example.org']) {
        expect([host, isLoopbackHost(host)]).toEqual([host, false]);
      }
    });

    it('is this machine’s server from HOST and PORT: a wildcard HOST is reached on loopback', () => {
      expect(defaultTarget({ host: '0.0.0.0', port: 3002 }).href).toBe('http://127.0.0.1:3002/');
      expect(defaultTarget({ host: '127.0.0.1', port: 4000 }).href).toBe('http://127.0.0.1:4000/');
      expect(defaultTarget({ host: '::', port: 3002 }).href).toBe('http://[::1]:3002/');
      expect(defaultTarget({ host: 'localhost', port: 3002 }).href).toBe('http://localhost:3002/');
    });

    it('refuses a default that is not loopback, or PORT=0, as bad usage (exit 2)', () => {
      const refused = () => defaultTarget({ host: '192.0.2.10', port: 3002 });
      expect(refused).toThrow(DomainError);
      expect(refused).toThrow(/the default target http:\/\/192\.0\.2\.10:3002 \(HOST=192\.0\.2\.10, PORT=3002\) is not a loopback address.*--target <url>/);
      try {
        refused();
      } catch (error) {
        expect((error as DomainError).code).toBe('INVALID_REQUEST');
      }
      expect(() => defaultTarget({ host: '0.0.0.0', port: 0 })).toThrow(/PORT=0/);
    });
  });

  it('refuses a ramp-up longer than the duration', () => {
    expect(() => checkCombination({ durationS: 10, rampUpS: 10 })).not.toThrow();
    expect(() => checkCombination({ durationS: 5, rampUpS: 6 })).toThrow('rampUp (6 s) must not be longer than the duration (5 s)');
  });

  it('the grace after the duration is 2 to 5 s', () => {
    expect(graceMs(1)).toBe(2000);
    expect(graceMs(30)).toBe(3000);
    expect(graceMs(60)).toBe(5000);
    expect(graceMs(3600)).toBe(5000);
  });

  describe('the command line', () => {
    /** Parses `argv` with the load-test command; the action stops at the configuration, which it asks for only after the arguments are valid. */
    async function parse(argv: string[]): Promise<{ error: unknown; configAsked: boolean }> {
      let configAsked = false;
      const cli: CliContext = {
        run: () => Promise.reject(new Error('load-test must not open the database')),
        config: () => {
          configAsked = true;
          throw new Error('stop here');
        },
      };
      const program = new Command('holibot').exitOverride().configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
      loadTestCommands.register(program, cli);
      try {
        await program.parseAsync(['node', 'holibot', 'load-test', ...argv]);
        return { error: null, configAsked };
      } catch (error) {
        return { error, configAsked };
      }
    }

    it('needs no Nest module and never opens the database: it reads only the configuration', async () => {
      expect(loadTestCommands.imports).toEqual([]);
      expect(await parse(['20', '10', '2', '--mix', 'chat=1'])).toEqual({ error: new Error('stop here'), configAsked: true });
    });

    it('bad arguments are usage errors before anything runs', async () => {
      for (const argv of [['abc'], ['10', '0'], ['10', '5', '6'], ['--mix', 'chat=60,foo=40'], ['--think-time', '-5'], ['--target', 'ftp://x'], ['--nope']]) {
        const { error, configAsked } = await parse(argv);
        expect([argv, configAsked]).toEqual([argv, false]);
        // Commander's own errors exit 2 through cli.ts; the combination check is an INVALID_REQUEST (exit 2 too).
        expect(error instanceof CommanderError || (error instanceof DomainError && error.code === 'INVALID_REQUEST')).toBe(true);
      }
    });
  });
});
