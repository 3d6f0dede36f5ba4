import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, MoreThan } from 'typeorm';
import { Poi, insertRows, transaction } from '@holibot/database';
import { Clock } from '../common/clock.js';
import { FileSystem } from '../common/effects/index.js';
import { AppConfig } from '../config/app-config.js';
import { ImportFileError } from './poi.errors.js';
import {
  FeatureChecker,
  type FeatureRejection,
  type FeatureWarning,
  InvalidCollectionError,
  PROGRESS_EVERY,
  type PoiRecord,
  parseFeatureCollection,
} from './geojson-features.js';
import { FileReadError, JsonSyntaxError, countFeatures, streamFeatures } from './geojson-stream.js';
import { BUILT_IN_TAXONOMY, Taxonomy } from './taxonomy.js';

export interface ImportOptions {
  /** Namespace of the feature ids; with the id, the key that later imports update. */
  source?: string;
  /** Deactivate every POI (of any source) that is not in this file. */
  replace?: boolean;
  /** `checking` the features (every 1,000), then `storing` them (every 200): each phase also once at its end, with done = total. */
  onProgress?: (phase: 'checking' | 'storing', done: number, total: number) => void;
}

export interface ImportReport {
  file: string;
  source: string;
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  deactivated: number;
  rejected: FeatureRejection[];
  warnings: FeatureWarning[];
}

/** The source name of imports that do not give one, the autoload included. */
export const DEFAULT_SOURCE = 'geojson';
export const SOURCE_PATTERN = /^[a-z0-9][a-z0-9_.-]{0,49}$/i;

const BATCH = 200;
/** Active places read at a time when `--replace` looks for those the file no longer has. */
const STALE_PAGE = 2000;
const COMPARED: Array<keyof PoiRecord> = [
  'name',
  'nameI18n',
  'description',
  'descriptionI18n',
  'category',
  'subcategory',
  'address',
  'city',
  'latitude',
  'longitude',
  'rating',
  'reviewCount',
  'priceLevel',
  'openingHours',
  'outdoorSeating',
  'wheelchair',
  'vegetarian',
  'vegan',
  'dogs',
  'kids',
  'free',
  'cuisine',
  'website',
  'phone',
  'tags',
];

/**
 * Loads a GeoJSON catalogue into the Poi table: upsert by (source, feature id), one transaction.
 *
 * A file is streamed (`geojson-stream.ts`), never held whole: a quick scan counts its features
 * (for the progress lines), a first reading checks every feature without touching the database,
 * and only a file that reads through to its end is read a second time, inside one transaction,
 * and stored 200 places at a time. So a file cut short or broken halfway changes nothing, and
 * what the import holds is the ids of the features (duplicates, `--replace`), the rejections and
 * warnings, and one batch — flat, whatever the file's size.
 */
@Injectable()
export class PoiImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly files: FileSystem,
    private readonly taxonomy: Taxonomy = BUILT_IN_TAXONOMY,
  ) {}

  async importFile(file: string, options: ImportOptions = {}): Promise<ImportReport> {
    const source = checkedSource(options.source);
    const cannotRead = (code: string) => new ImportFileError(`cannot read ${file}: ${code}`);
    let stamp: FileStamp;
    try {
      stamp = await this.files.stat(file);
    } catch (error) {
      throw cannotRead((error as NodeJS.ErrnoException).code ?? String(error));
    }
    if (stamp.isDirectory) throw cannotRead('EISDIR');
    try {
      const expected = await countFeatures(file);
      const checker = new FeatureChecker(this.config.countryCode, this.taxonomy);
      let reported = 0;
      for await (const feature of streamFeatures(file)) {
        checker.check(feature);
        if (checker.total % PROGRESS_EVERY === 0 || checker.total === expected) {
          options.onProgress?.('checking', checker.total, Math.max(expected, checker.total));
          reported = checker.total;
        }
      }
      if (reported !== checker.total) options.onProgress?.('checking', checker.total, checker.total);

      const unchanged = async () => {
        const now = await this.files.stat(file).catch(() => null);
        if (now?.size !== stamp.size || now.modifiedAt.getTime() !== stamp.modifiedAt.getTime()) {
          throw new ImportFileError(`${file} changed while it was being imported: nothing was changed, run the import again`);
        }
      };
      const counts = await this.store(source, checker, () => rereadRecords(file, checker), options, unchanged);
      return { file, source, total: checker.total, ...counts, rejected: checker.rejected, warnings: checker.warnings };
    } catch (error) {
      if (error instanceof FileReadError) throw cannotRead(error.code);
      if (error instanceof JsonSyntaxError) throw new ImportFileError(`${file} is not valid JSON: ${error.message}`);
      if (error instanceof InvalidCollectionError) throw new ImportFileError(`${file}: ${error.message}`);
      const code = (error as NodeJS.ErrnoException).code;
      if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) throw cannotRead(code);
      throw error;
    }
  }

  /** A collection already in memory (the admin upload): checked whole, then stored like a file. */
  async importCollection(collection: unknown, options: ImportOptions = {}): Promise<Omit<ImportReport, 'file'>> {
    const source = checkedSource(options.source);
    const checker = new FeatureChecker(this.config.countryCode, this.taxonomy);
    const parsed = parseFeatureCollection(
      collection,
      this.config.countryCode,
      (done, total) => options.onProgress?.('checking', done, total),
      this.taxonomy,
      checker,
    );
    const counts = await this.store(source, checker, () => parsed.records, options);
    return { source, total: parsed.total, ...counts, rejected: parsed.rejected, warnings: parsed.warnings };
  }

  async countActive(): Promise<number> {
    return this.dataSource.getRepository(Poi).count({ where: { active: true } });
  }

  /**
   * Stores the records the checker accepted, in one transaction, BATCH at a time: each batch's
   * existing rows are read by key, compared, then inserted or updated. `beforeCommit` may still
   * throw to roll everything back. The work can run twice (MySQL reruns a failed group's units
   * alone, see transaction()), so `records` gives a fresh reading each time.
   */
  private async store(
    source: string,
    checker: FeatureChecker,
    records: () => Iterable<PoiRecord> | AsyncIterable<PoiRecord>,
    options: ImportOptions,
    beforeCommit?: () => Promise<void>,
  ): Promise<Pick<ImportReport, 'created' | 'updated' | 'unchanged' | 'deactivated'>> {
    const total = checker.accepted;
    if (options.replace && total === 0) {
      throw new ImportFileError(
        `no feature of the file can be imported (${checker.total} in the file, ${checker.rejected.length} rejected): --replace would empty the catalogue, so nothing was changed`,
      );
    }
    const now = this.clock.now();
    const progress = (done: number) => options.onProgress?.('storing', done, total);
    return transaction(this.dataSource, async (manager) => {
      const repository = manager.getRepository(Poi);
      const counts = { created: 0, updated: 0, unchanged: 0, deactivated: 0 };
      let done = 0;
      const driver = manager.connection.driver;
      const [table, idColumn, sourceColumn, externalIdColumn] = ['Poi', 'id', 'source', 'external_id'].map((name) => driver.escape(name));
      const storeBatch = async (batch: PoiRecord[]) => {
        // Which of the batch's places exist: ids only, by the unique key, in one raw query; the
        // whole rows only of those (none on a first import). Lean on purpose: what a batch
        // allocates while its records are alive decides how much of it the GC promotes to the
        // old generation, and so the import's memory (TypeORM's find() here cost a third of
        // the time and most of the promotion).
        const known: Array<{ id: number }> = await manager.query(
          `SELECT ${idColumn} AS id FROM ${table} WHERE ${sourceColumn} = ? AND ${externalIdColumn} IN (${batch.map(() => '?').join(', ')})`,
          [source, ...batch.map((record) => record.externalId)],
        );
        const existing = new Map(
          known.length ? (await repository.find({ where: { id: In(known.map((row) => Number(row.id))) } })).map((poi) => [poi.externalId, poi]) : [],
        );
        const toInsert: Poi[] = [];
        for (const record of batch) {
          const current = existing.get(record.externalId);
          if (!current) {
            // The record becomes the row (no copy): it is not used after this batch.
            toInsert.push(Object.assign(record as Poi, { source, active: true, createdAt: now, updatedAt: now }));
          } else if (current.active && COMPARED.every((key) => same(current[key], record[key]))) {
            counts.unchanged += 1;
          } else {
            await repository.update({ id: current.id }, { ...record, active: true, updatedAt: now });
            counts.updated += 1;
          }
          done += 1;
          if (done % BATCH === 0 && done < total) progress(done);
        }
        // insertRows: the statement's text built once per batch size; TypeORM's insert() would also read each new row back.
        if (toInsert.length) await insertRows(manager, Poi, toInsert);
        counts.created += toInsert.length;
      };
      let batch: PoiRecord[] = [];
      for await (const record of records()) {
        batch.push(record);
        if (batch.length === BATCH) {
          await storeBatch(batch);
          batch = [];
        }
      }
      if (batch.length) await storeBatch(batch);
      if (done !== total) throw new InvalidCollectionError(`${done} features to store where ${total} were checked: the file changed during the import`);

      if (options.replace) {
        // A place whose feature has bad data this time keeps its old data; one that is no longer
        // a kind of place HoliBot lists (OSM's disused:amenity, say) leaves the catalogue. Read
        // by pages of ids, so that a large table is never held whole.
        const keep = checker.keptIds();
        for (let after = 0; ;) {
          const page = await repository.find({
            select: { id: true, source: true, externalId: true },
            where: { active: true, id: MoreThan(after) },
            order: { id: 'ASC' },
            take: STALE_PAGE,
          });
          if (page.length === 0) break;
          after = page[page.length - 1]!.id;
          const staleIds = page.filter((poi) => poi.source !== source || !keep.has(poi.externalId)).map((poi) => poi.id);
          for (let i = 0; i < staleIds.length; i += BATCH) {
            await repository.update({ id: In(staleIds.slice(i, i + BATCH)) }, { active: false, updatedAt: now });
          }
          counts.deactivated += staleIds.length;
        }
      }
      await beforeCommit?.();
      progress(total);
      return counts;
    });
  }
}

/** The second reading of a checked file: the accepted features' records, in file order. */
async function* rereadRecords(file: string, checker: FeatureChecker): AsyncGenerator<PoiRecord> {
  let index = 0;
  for await (const feature of streamFeatures(file)) {
    const record = checker.recheck(feature, index++);
    if (record) yield record;
  }
}

type FileStamp = Awaited<ReturnType<FileSystem['stat']>>;

function checkedSource(source = DEFAULT_SOURCE): string {
  if (!SOURCE_PATTERN.test(source)) {
    throw new ImportFileError(`source "${source}" must be 1–50 letters, digits, dots, dashes or underscores`);
  }
  return source;
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return (a ?? null) === (b ?? null);
  return JSON.stringify(a) === JSON.stringify(b);
}
