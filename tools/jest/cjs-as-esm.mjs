// Some Nest packages (@nestjs/throttler, nest-winston) are CommonJS and require() ESM-only
// @nestjs/common and @nestjs/core. Node (≥ 20.19) can do that; Jest's ESM loader
// (--experimental-vm-modules) cannot, so no test could load them in-process. This bundles each
// such package once per installed version into one ES module whose require() calls of other
// packages become imports of those packages: Jest loads it like any ESM file, and the classes it
// shares with the application (HttpException, Reflector, Logger …) are the same objects.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'package.json'));
const cacheDir = join(root, 'node_modules', '.cache', 'holibot-jest');
// Builds are kept per package version and per version of this recipe.
const recipe = createHash('sha256')
  .update(readFileSync(fileURLToPath(import.meta.url)))
  .digest('hex')
  .slice(0, 8);

/**
 * Jest moduleNameMapper entries: each package name → its ES module build. `shared`: CommonJS
 * packages the application imports too (prom-client, whose registry must be one): imported by
 * the builds instead of bundled into each.
 */
export async function commonJsPackagesAsEsm(packages, { shared = [] } = {}) {
  const entries = await Promise.all(packages.map(async (name) => [`^${name.replace(/[/.]/g, '\\$&')}$`, await asEsm(name, new Set(shared))]));
  return Object.fromEntries(entries);
}

/** The path of the ES module build of one package, made if this version has none yet. */
async function asEsm(packageName, shared) {
  const { version } = installedPackageJson(packageName);
  const sharing = createHash('sha256')
    .update([...shared].sort().join(','))
    .digest('hex')
    .slice(0, 6);
  const target = join(cacheDir, `${packageName.replace('/', '+')}-${version}-${recipe}-${sharing}.mjs`);
  if (existsSync(target)) return target;

  // What Node's import() of a CommonJS package gives: `default` is module.exports, and its keys
  // are named exports too (an ES module must list them, so they are read from Node's own load).
  const names = Object.keys(require(packageName)).filter((name) => name !== 'default' && name !== '__esModule' && /^[A-Za-z_$][\w$]*$/.test(name));
  const entry = [`const exported = require('${packageName}');`, 'export default exported;', `export const { ${names.join(', ')} } = exported;`];
  const result = await build({
    stdin: { contents: entry.join('\n'), resolveDir: root, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'silent',
    // Node's built-in modules stay require()d, by Node itself: what they export is not always a namespace (events, stream).
    banner: { js: "import { createRequire as __holibotCreateRequire } from 'node:module'; const require = __holibotCreateRequire(import.meta.url);" },
    plugins: [otherPackagesAsImports(packageName, shared)],
  });
  mkdirSync(cacheDir, { recursive: true });
  // Written aside and renamed: two Jest runs starting at once never read half a file.
  const partial = `${target}.${process.pid}.tmp`;
  writeFileSync(partial, result.outputFiles[0].text);
  renameSync(partial, target);
  return target;
}

/** A package's own package.json, found above its entry point (its `exports` may not list `./package.json`). */
function installedPackageJson(packageName) {
  for (let dir = dirname(require.resolve(packageName)); dirname(dir) !== dir; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const json = JSON.parse(readFileSync(file, 'utf8'));
    if (json.name === packageName) return json;
  }
  throw new Error(`cannot find the package.json of ${packageName}`);
}

/**
 * ES-module packages become proxy modules that import them (what require() of an ES module
 * returns in Node: its namespace); the package's own files and its CommonJS dependencies are
 * bundled; Node's built-in modules are left to esbuild (external, require()d).
 */
function otherPackagesAsImports(packageName, shared) {
  const isBare = (path) => !path.startsWith('.') && !path.startsWith('/');
  const isOwn = (path) => path === packageName || path.startsWith(`${packageName}/`);
  return {
    name: 'other-packages-as-imports',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.namespace === 'proxy' || !isBare(args.path) || isOwn(args.path)) return undefined;
        if (isBuiltin(args.path) || !(isEsModulePackage(args.path) || shared.has(packageNameOf(args.path)))) return undefined;
        return { path: args.path, namespace: 'proxy' };
      });
      build.onResolve({ filter: /.*/, namespace: 'proxy' }, (args) => ({ path: args.path, external: true }));
      build.onLoad({ filter: /.*/, namespace: 'proxy' }, (args) => ({ contents: `export * from '${args.path}';`, loader: 'js' }));
    },
  };
}

function packageNameOf(specifier) {
  return specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
}

function isEsModulePackage(specifier) {
  const name = packageNameOf(specifier);
  try {
    return JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).type === 'module';
  } catch {
    return false;
  }
}
