import { readFileSync } from 'node:fs';
import { FileTypeValidator } from '@nestjs/common';
import semver from 'semver';

/** The Node lines HoliBot supports (README "Runtime"), by their first release it runs on. */
const SUPPORTED = ['20.19.0', '22.13.0', '24.11.0'];

/**
 * Packages whose declared engines leave a supported line out although they run on it; each with
 * why. npm prints an EBADENGINE warning for them on that line only.
 */
const KNOWN_ENGINE_GAPS: Record<string, string> = {
  // @fastify/static 10.1.10+ (required by @nestjs/platform-fastify, used by @nestjs/swagger for
  // the API docs) needs 3.x, which declares node >= 22 as policy: plain JavaScript, and only
  // reached through reply.download(), which HoliBot never decorates. Node 20 warns; 22 and 24 do not.
  'content-disposition': 'declared node >= 22; runs on 20 (README, Runtime)',
};

/**
 * Locked folders never installed or loaded: @nestjs-modules/mailer lists every template engine as
 * an optional dependency, and mjml's (mjml → mjml-core → js-beautify) takes nopt 10 and abbrev 5,
 * which declare node ≥ 22.22. HoliBot builds its mails in code and loads no template engine.
 */
const UNUSED_OPTIONAL_TREES = ['node_modules/js-beautify/'];

interface LockedPackage {
  version?: string;
  engines?: { node?: string } | string[];
  dev?: boolean;
  optional?: boolean;
}

describe('runtime', () => {
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, LockedPackage> };
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };

  it('package.json engines take every supported Node line', () => {
    for (const version of SUPPORTED) expect(semver.satisfies(version, pkg.engines.node)).toBe(true);
  });

  it('no locked package declares an engine a supported Node line is outside of (npm would warn on install)', () => {
    const problems: string[] = [];
    for (const [path, locked] of Object.entries(lock.packages)) {
      const range = Array.isArray(locked.engines) ? undefined : locked.engines?.node;
      if (!path || !range || (locked.optional && UNUSED_OPTIONAL_TREES.some((tree) => path.startsWith(tree)))) continue;
      const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
      if (Object.hasOwn(KNOWN_ENGINE_GAPS, name)) continue;
      for (const version of SUPPORTED) {
        if (!semver.satisfies(version, range, { includePrerelease: true })) problems.push(`${name}@${locked.version} wants node ${range}, not ${version}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("Nest's FileTypeValidator works with the file-type release pinned for Node 20 (21.x, overrides)", async () => {
    const fileTypes = Object.entries(lock.packages).filter(([path]) => path.endsWith('node_modules/file-type'));
    expect(fileTypes.map(([, locked]) => locked.version)).toEqual([expect.stringMatching(/^21\./)]);
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a0d2e1d20000000049454e44ae426082',
      'hex',
    );
    const validator = new FileTypeValidator({ fileType: 'image/png' });
    // True only when file-type loaded and recognised the bytes (a failed import answers false).
    await expect(validator.isValid({ mimetype: 'image/png', buffer: png } as never)).resolves.toBe(true);
    await expect(validator.isValid({ mimetype: 'image/png', buffer: Buffer.from('not a picture at all, just text') } as never)).resolves.toBe(false);
  });
});
