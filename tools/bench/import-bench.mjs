#!/usr/bin/env node
// HoliBot catalogue import benchmark (`npm run bench:import`, or `node tools/bench/import-bench.mjs`
// after `npm run build:api`).
//
//   1. writes a GeoJSON FeatureCollection of FEATURES OpenStreetMap-like places (default 100,000)
//      into a temporary folder: restaurants, cafés, bars, shops, hotels, beaches, museums … with
//      names (some translated), addresses, phones, websites, cuisine, diet and access tags, and
//      opening_hours drawn from a few hundred real-world patterns (some not understood, as in
//      OSM: a warning each), plus a few features HoliBot rejects (no category it lists);
//   2. runs `node dist/apps/api/src/cli.js poi import <file>` — the whole CLI process, start-up
//      and migrations included — on a fresh SQLite file, then again on the same database (every
//      place unchanged: the comparison path), and the same two on MariaDB/MySQL (database
//      `holibot_bench_import`, created and dropped; skipped when no server answers);
//   3. samples the child's memory every 50 ms from /proc (VmRSS, and VmHWM, the kernel's peak),
//      timestamps its progress lines (checking, then storing), and prints duration, features/s,
//      the two phases and the peak RSS against the target (≤ 250 MB: the import streams the
//      file, so memory must not grow with it); writes bench-results/import-bench-<timestamp>.json.
//
// It reports; it is not a test: exit 0 even when a target is missed, 1 when an import fails.
// Flags: --features N (default 100000), --only sqlite|mysql, --keep (keep the generated file and
// print its path). MariaDB: BENCH_MYSQL_HOST / _PORT / _USER / _PASSWORD (127.0.0.1:3306, root, '').

import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import mysql from 'mysql2/promise';
import { MB, OutputLog, ROOT, intOption, memoryOf, round, sleep, spawnNode, tempDirs } from './support.mjs';

const { values: flags } = parseArgs({
  options: {
    features: { type: 'string' },
    only: { type: 'string' },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});
if (flags.help) {
  console.log('usage: node tools/bench/import-bench.mjs [--features N] [--only sqlite|mysql] [--keep]');
  process.exit(0);
}
if (flags.only !== undefined && !['sqlite', 'mysql'].includes(flags.only)) {
  console.error(`--only must be sqlite or mysql (got ${JSON.stringify(flags.only)})`);
  process.exit(2);
}
const FEATURES = intOption(flags.features, 100_000, 100, 5_000_000, '--features');
const TARGET_RSS_MB = 250;
const SAMPLE_MS = 50;
const CLI = path.join(ROOT, 'dist/apps/api/src/cli.js');
if (!existsSync(CLI)) {
  console.error(`No ${path.relative(ROOT, CLI)}: run \`npm run build:api\` first (npm run bench:import does).`);
  process.exit(2);
}
const MYSQL_DATABASE = 'holibot_bench_import';
const server = {
  host: process.env.BENCH_MYSQL_HOST || '127.0.0.1',
  port: Number(process.env.BENCH_MYSQL_PORT || 3306),
  user: process.env.BENCH_MYSQL_USER || 'root',
  password: process.env.BENCH_MYSQL_PASSWORD || '',
};

// ---------------------------------------------------------------------------------------------
// The catalogue

/** A small seeded generator (mulberry32): the same file on every run. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS = [
  // [weight, tags, name words]
  [14, { amenity: 'restaurant' }, ['Restaurante', 'Restaurant', 'Casa', 'Taberna', 'Arrocería', 'Marisquería']],
  [8, { amenity: 'cafe' }, ['Café', 'Cafetería', 'Coffee', 'Granja']],
  [8, { amenity: 'bar' }, ['Bar', 'Cervecería', 'Chiringuito', 'Lounge']],
  [3, { amenity: 'pub' }, ['Pub', 'Irish Pub', 'The']],
  [4, { amenity: 'fast_food' }, ['Kebab', 'Pizzería', 'Burger', 'Bocatería']],
  [2, { amenity: 'ice_cream' }, ['Heladería', 'Gelateria']],
  [3, { amenity: 'pharmacy', healthcare: 'pharmacy' }, ['Farmacia']],
  [3, { amenity: 'atm' }, ['Cajero', 'ATM']],
  [6, { shop: 'supermarket' }, ['Supermercado', 'Mercadona', 'Consum', 'Spar']],
  [4, { shop: 'bakery' }, ['Panadería', 'Forn', 'Horno']],
  [4, { shop: 'clothes' }, ['Moda', 'Boutique']],
  [5, { tourism: 'hotel', stars: '3' }, ['Hotel', 'Hostal', 'Apartamentos']],
  [2, { tourism: 'museum' }, ['Museo', 'Museu']],
  [3, { tourism: 'viewpoint' }, ['Mirador']],
  [2, { natural: 'beach', surface: 'sand' }, ['Playa', 'Platja', 'Cala']],
  [3, { leisure: 'park' }, ['Parque', 'Parc', 'Jardín']],
  [2, { leisure: 'playground' }, ['Parque infantil']],
  [1, { leisure: 'marina' }, ['Puerto deportivo', 'Club Náutico']],
  [2, { historic: 'monument' }, ['Monumento', 'Torre', 'Castillo']],
  [1, { leisure: 'sports_centre', sport: 'tennis;padel' }, ['Club de Tenis', 'Pádel']],
  // Not a kind of place HoliBot lists: rejected (one line each in the report), as in real extracts.
  [1, { amenity: 'bench' }, ['Banco']],
];
const TOTAL_WEIGHT = KINDS.reduce((sum, [weight]) => sum + weight, 0);
const SURNAMES = [
  'del Mar',
  'La Fontana',
  'El Puerto',
  'Sol y Sombra',
  'Ifach',
  'Los Pescadores',
  'Mediterráneo',
  'Can Pepe',
  'La Lonja',
  "L'Arenal",
  'Bella Vista',
  'El Racó',
  'La Marina',
  'Costa Blanca',
  'Oasis',
];
const STREETS = [
  'Avinguda Gabriel Miró',
  'Carrer la Mar',
  'Avenida de Ejércitos Españoles',
  'Carrer Major',
  'Passeig Marítim Infanta Elena',
  'Calle Benidorm',
  'Avinguda del Port',
  'Carrer Sant Roc',
];
const CITIES = ['Calp', 'Benissa', 'Altea', 'Teulada', 'Xàbia'];
const CUISINES = [
  'spanish',
  'mediterranean',
  'seafood',
  'tapas',
  'paella',
  'italian;pizza',
  'regional',
  'international',
  'burger',
  'kebab',
  'chinese',
  'indian',
  'japanese;sushi',
];
const DAYS = ['Mo-Fr', 'Mo-Sa', 'Tu-Su', 'Mo-Su', 'We-Mo', 'Mo-Th'];
const WEIRD_HOURS = ['open when the sun shines', 'Mo-Fr 9-14h', 'summer only', 'Mo-Su 25:00-26:00', 'ask at the bar'];

function openingHours(next) {
  const roll = next();
  if (roll < 0.05) return WEIRD_HOURS[Math.floor(next() * WEIRD_HOURS.length)];
  if (roll < 0.12) return '24/7';
  const time = (from, span) => {
    const minutes = from * 60 + Math.floor(next() * span) * 30;
    return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  };
  const days = DAYS[Math.floor(next() * DAYS.length)];
  if (roll < 0.55) return `${days} ${time(8, 6)}-${time(19, 8)}`;
  if (roll < 0.85) return `${days} ${time(9, 2)}-${time(13, 3)},${time(16, 3)}-${time(20, 4)}; Su off`;
  return `${days} ${time(12, 2)}-${time(16, 2)},${time(19, 3)}-${time(23, 2)}; PH off`;
}

function feature(i, next) {
  let pick = next() * TOTAL_WEIGHT;
  const [, tags, words] = KINDS.find(([weight]) => (pick -= weight) < 0) ?? KINDS[0];
  const name = `${words[Math.floor(next() * words.length)]} ${SURNAMES[Math.floor(next() * SURNAMES.length)]}${next() < 0.3 ? ` ${i}` : ''}`;
  const properties = { ...tags, name };
  if (next() < 0.25) properties['name:en'] = `${name} (EN)`;
  if (next() < 0.15) properties['name:de'] = `${name} (DE)`;
  if (next() < 0.7) properties.opening_hours = openingHours(next);
  if (tags.amenity && ['restaurant', 'fast_food', 'cafe'].includes(tags.amenity)) {
    properties.cuisine = CUISINES[Math.floor(next() * CUISINES.length)];
    if (next() < 0.5) properties.outdoor_seating = next() < 0.8 ? 'yes' : 'no';
    if (next() < 0.2) properties['diet:vegetarian'] = next() < 0.5 ? 'yes' : 'limited';
  }
  if (next() < 0.6) {
    properties['addr:street'] = STREETS[Math.floor(next() * STREETS.length)];
    properties['addr:housenumber'] = String(1 + Math.floor(next() * 120));
    properties['addr:postcode'] = '03710';
    properties['addr:city'] = CITIES[Math.floor(next() * CITIES.length)];
  }
  if (next() < 0.5)
    properties.phone = `+34 965 ${String(Math.floor(next() * 1e6))
      .padStart(6, '0')
      .replace(/(\d{2})(\d{2})(\d{2})/, '$1 $2 $3')}`;
  if (next() < 0.4) properties.website = `https://www.${name.toLowerCase().replace(/[^a-z]+/g, '-')}-${i}.example.com/`;
  if (next() < 0.3) properties.wheelchair = ['yes', 'no', 'limited'][Math.floor(next() * 3)];
  if (next() < 0.2)
    properties.description = `${name}: a place in ${CITIES[Math.floor(next() * CITIES.length)]} on the Costa Blanca, a few minutes from the sea.`;
  if (next() < 0.3) properties.check_date = `2025-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 9)}`;
  if (next() < 0.1) properties.rating = round(3 + next() * 2, 1);
  const id = `${next() < 0.85 ? 'node' : 'way'}/${1_000_000_000 + i * 7}`;
  const coordinates = [round(-0.05 + next() * 0.2, 7), round(38.6 + next() * 0.1, 7)];
  return { type: 'Feature', id, properties, geometry: { type: 'Point', coordinates } };
}

async function writeCatalogue(file) {
  const next = random(20261207);
  const out = createWriteStream(file);
  const write = async (text) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('{"type": "FeatureCollection", "generator": "tools/bench/import-bench.mjs", "features": [\n');
  for (let i = 0; i < FEATURES; i++) await write(`${i ? ',\n' : ''}${JSON.stringify(feature(i, next))}`);
  await write('\n]}\n');
  out.end();
  await once(out, 'finish');
}

// ---------------------------------------------------------------------------------------------
// One import: the CLI as its own process, its memory sampled from /proc

async function importOnce(label, file, dbEnv) {
  const log = new OutputLog(50);
  const env = { PATH: process.env.PATH ?? '', NODE_ENV: 'production', LOG_FILES_ENABLED: 'false', DB_MIGRATE_ON_START: 'true', ...dbEnv };
  const started = performance.now();
  const child = spawnNode([CLI, 'poi', 'import', file, '--source', 'bench'], env, log);
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  const phases = { checkedAt: null };
  const lines = { warnings: 0, rejected: 0 };
  let partial = '';
  child.stderr.on('data', (chunk) => {
    const text = (partial + chunk).split('\n');
    partial = text.pop() ?? '';
    for (const line of text) {
      if (phases.checkedAt === null && /^Checking features… (\d+)\/\1 /.test(line)) phases.checkedAt = performance.now();
      else if (line.startsWith('  warning, feature #')) lines.warnings += 1;
      else if (line.startsWith('  rejected feature #')) lines.rejected += 1;
    }
  });
  let peakRssMb = 0;
  let hwmMb = 0;
  const exited = once(child, 'exit');
  let done = false;
  exited.then(() => (done = true));
  while (!done) {
    const { rssMb, hwmMb: hwm } = memoryOf(child.pid);
    if (rssMb !== null) peakRssMb = Math.max(peakRssMb, rssMb);
    if (hwm !== null) hwmMb = Math.max(hwmMb, hwm);
    await Promise.race([sleep(SAMPLE_MS), exited]);
  }
  const [code] = await exited;
  const ended = performance.now();
  const seconds = (ended - started) / 1000;
  const summary = /Imported .*: (\d+) features — (\d+) created, (\d+) updated, (\d+) unchanged, (\d+) skipped/.exec(stdout);
  if (code !== 0 || !summary) {
    console.error(`\n${label}: the import failed (exit ${code}).\n${log.tail()}`);
    process.exitCode = 1;
    return { label, ok: false, code };
  }
  const [, total, created, updated, unchanged, skipped] = summary.map(Number);
  const result = {
    label,
    ok: true,
    seconds: round(seconds, 1),
    featuresPerSecond: Math.round(total / seconds),
    checkingSeconds: phases.checkedAt === null ? null : round((phases.checkedAt - started) / 1000, 1),
    storingSeconds: phases.checkedAt === null ? null : round((ended - phases.checkedAt) / 1000, 1),
    peakRssMb: round(Math.max(peakRssMb, hwmMb), 0),
    total,
    created,
    updated,
    unchanged,
    skipped,
    warnings: lines.warnings,
    rejected: lines.rejected,
  };
  console.log(
    `  ${label.padEnd(22)} ${`${result.seconds} s`.padStart(8)} ${String(result.featuresPerSecond).padStart(10)} ${`${result.checkingSeconds ?? '–'} s`.padStart(9)} ${`${result.storingSeconds ?? '–'} s`.padStart(9)} ${`${result.peakRssMb} MB`.padStart(9)}  ${result.peakRssMb <= TARGET_RSS_MB ? 'ok' : 'OVER TARGET'}   ${created} created, ${updated} updated, ${unchanged} unchanged, ${skipped} skipped, ${lines.warnings} warnings`,
  );
  return result;
}

// ---------------------------------------------------------------------------------------------

const dir = mkdtempSync(path.join(os.tmpdir(), 'holibot-import-bench-'));
if (!flags.keep) tempDirs.add(dir);
const file = path.join(dir, `catalogue-${FEATURES}.geojson`);
process.stderr.write(`Writing ${FEATURES.toLocaleString('en-US')} features… `);
const writeStarted = performance.now();
await writeCatalogue(file);
const fileMb = round(statSync(file).size / MB, 1);
process.stderr.write(`${fileMb} MB in ${round((performance.now() - writeStarted) / 1000, 1)} s${flags.keep ? ` (kept: ${file})` : ''}\n`);

console.log(`\n\`holibot poi import\` of ${FEATURES.toLocaleString('en-US')} features (${fileMb} MB of GeoJSON), each a whole CLI process:`);
console.log(
  `  ${'run'.padEnd(22)} ${'duration'.padStart(8)} ${'features/s'.padStart(10)} ${'checking'.padStart(9)} ${'storing'.padStart(9)} ${'peak RSS'.padStart(9)}  target ≤ ${TARGET_RSS_MB} MB`,
);
const results = [];
if (flags.only !== 'mysql') {
  const sqlite = { DB_TYPE: 'sqlite', DB_SQLITE_PATH: path.join(dir, 'bench.sqlite') };
  results.push(await importOnce('SQLite, first import', file, sqlite));
  results.push(await importOnce('SQLite, again', file, sqlite));
}
if (flags.only !== 'sqlite') {
  let connection;
  try {
    connection = await mysql.createConnection({ ...server, connectTimeout: 5000 });
  } catch (error) {
    console.log(`  MariaDB/MySQL at ${server.host}:${server.port} not reachable (${error.message}): skipped.`);
  }
  if (connection) {
    try {
      await connection.query(`DROP DATABASE IF EXISTS \`${MYSQL_DATABASE}\``);
      await connection.query(`CREATE DATABASE \`${MYSQL_DATABASE}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
      const [[{ version }]] = await connection.query('SELECT VERSION() AS version');
      const env = {
        DB_TYPE: 'mysql',
        DB_HOST: server.host,
        DB_PORT: String(server.port),
        DB_USER: server.user,
        DB_PASSWORD: server.password,
        DB_NAME: MYSQL_DATABASE,
      };
      results.push({ ...(await importOnce('MariaDB, first import', file, env)), server: version });
      results.push({ ...(await importOnce('MariaDB, again', file, env)), server: version });
    } finally {
      await connection.query(`DROP DATABASE IF EXISTS \`${MYSQL_DATABASE}\``).catch(() => undefined);
      await connection.end();
    }
  }
}
console.log(
  '\n(checking: start-up, migrations and the first reading of the file, which checks every feature; storing: the second reading, in one transaction, 200 places at a time.)',
);

const outDir = path.join(ROOT, 'bench-results');
mkdirSync(outDir, { recursive: true });
const out = path.join(outDir, `import-bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(
  out,
  `${JSON.stringify({ features: FEATURES, fileMb, targetRssMb: TARGET_RSS_MB, node: process.version, cpus: os.cpus().length, at: new Date().toISOString(), results }, null, 2)}\n`,
);
console.log(`Written to ${path.relative(ROOT, out)}`);
