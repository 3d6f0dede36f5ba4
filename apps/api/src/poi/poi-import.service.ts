import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Poi, transaction } from '@holibot/database';
import { Clock } from '../common/clock.js';
import { FileSystem } from '../common/effects/index.js';
import { AppConfig } from '../config/app-config.js';
import { ImportFileError } from './poi.errors.js';
import { type FeatureRejection, type FeatureWarning, InvalidCollectionError, type PoiRecord, parseFeatureCollection } from './geojson-features.js';
import { BUILT_IN_TAXONOMY, Taxonomy } from './taxonomy.js';

export interface ImportOptions {
  /** Namespace of the feature ids; with the id, the key that later imports update. */
  source?: string;
  /** Deactivate every POI (of any source) that is not in this file. */
  replace?: boolean;
  /** `checking` the features, then `storing` them: called every few hundred, and once at the end of each. */
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

/** The file, or an import option, cannot be used: nothing was imported. */

/** The source name of imports that do not give one, the autoload included. */
export const DEFAULT_SOURCE = 'geojson';
export const SOURCE_PATTERN = /^[a-z0-9][a-z0-9_.-]{0,49}$/i;

const BATCH = 200;
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

/** Loads a GeoJSON catalogue into the Poi table: upsert by (source, feature id), one transaction. */
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
    let text: string;
    try {
      text = await this.files.readText(file);
    } catch (error) {
      throw new ImportFileError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new ImportFileError(`${file} is not valid JSON: ${(error as Error).message}`);
    }
    try {
      return { file, ...(await this.importCollection(json, options)) };
    } catch (error) {
      if (error instanceof InvalidCollectionError) throw new ImportFileError(`${file}: ${error.message}`);
      throw error;
    }
  }

  async importCollection(collection: unknown, options: ImportOptions = {}): Promise<Omit<ImportReport, 'file'>> {
    const source = options.source ?? DEFAULT_SOURCE;
    if (!SOURCE_PATTERN.test(source)) {
      throw new ImportFileError(`source "${source}" must be 1–50 letters, digits, dots, dashes or underscores`);
    }
    const parsed = parseFeatureCollection(collection, this.config.countryCode, (done, total) => options.onProgress?.('checking', done, total), this.taxonomy);
    if (options.replace && parsed.records.length === 0) {
      throw new ImportFileError(
        `no feature of the file can be imported (${parsed.total} in the file, ${parsed.rejected.length} rejected): --replace would empty the catalogue, so nothing was changed`,
      );
    }
    const now = this.clock.now();
    const counts = { created: 0, updated: 0, unchanged: 0, deactivated: 0 };

    await transaction(this.dataSource, async (manager) => {
      const repository = manager.getRepository(Poi);
      const existing = new Map((await repository.find({ where: { source } })).map((poi) => [poi.externalId, poi]));
      const toInsert: Poi[] = [];
      let done = 0;
      for (const record of parsed.records) {
        const current = existing.get(record.externalId);
        if (!current) {
          toInsert.push(repository.create({ ...record, source, active: true, createdAt: now, updatedAt: now }));
        } else if (current.active && COMPARED.every((key) => same(current[key], record[key]))) {
          counts.unchanged += 1;
        } else {
          await repository.update({ id: current.id }, { ...record, active: true, updatedAt: now });
          counts.updated += 1;
        }
        done += 1;
        if (done % BATCH === 0 && done < parsed.records.length) options.onProgress?.('storing', done, parsed.records.length);
      }
      for (let i = 0; i < toInsert.length; i += BATCH) {
        await repository.insert(toInsert.slice(i, i + BATCH));
      }
      counts.created = toInsert.length;
      if (options.replace) {
        // A place whose feature has bad data this time keeps its old data; one that is no longer
        // a kind of place HoliBot lists (OSM's disused:amenity, say) leaves the catalogue.
        const keep = new Set([...parsed.records.map((record) => record.externalId), ...parsed.rejected.flatMap((r) => (r.id && !r.unlisted ? [r.id] : []))]);
        const stale = await repository.find({ select: { id: true, source: true, externalId: true }, where: { active: true } });
        const staleIds = stale.filter((poi) => poi.source !== source || !keep.has(poi.externalId)).map((poi) => poi.id);
        for (let i = 0; i < staleIds.length; i += BATCH) {
          await repository.update({ id: In(staleIds.slice(i, i + BATCH)) }, { active: false, updatedAt: now });
        }
        counts.deactivated = staleIds.length;
      }
      options.onProgress?.('storing', parsed.records.length, parsed.records.length);
    });
    return { source, total: parsed.total, ...counts, rejected: parsed.rejected, warnings: parsed.warnings };
  }

  async countActive(): Promise<number> {
    return this.dataSource.getRepository(Poi).count({ where: { active: true } });
  }
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return (a ?? null) === (b ?? null);
  return JSON.stringify(a) === JSON.stringify(b);
}
