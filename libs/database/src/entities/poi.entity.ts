import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Translations keyed by language code (es, de, nl, …). */
export type Translations = Record<string, string>;

/**
 * A place of the destination's catalogue, imported from GeoJSON whose properties are
 * OpenStreetMap tags. Amenity flags are tri-state: true, false, or null when unknown.
 */
@Entity({ name: 'Poi' })
@Index('UQ_Poi_source_external_id', ['source', 'externalId'], { unique: true })
@Index('IDX_Poi_category', ['category', 'subcategory'])
export class Poi {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  /** Where the record came from (e.g. 'osm', 'calpe-sample'); with externalId, the import key. */
  @Column({ type: 'varchar', length: 50 })
  source!: string;

  /** The GeoJSON feature id, e.g. 'node/123456'. */
  @Column({ name: 'external_id', type: 'varchar', length: 100 })
  externalId!: string;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ name: 'name_i18n', type: 'simple-json', nullable: true })
  nameI18n!: Translations | null;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'description_i18n', type: 'simple-json', nullable: true })
  descriptionI18n!: Translations | null;

  @Column({ type: 'varchar', length: 50 })
  category!: string;

  @Column({ type: 'varchar', length: 50 })
  subcategory!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  address!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  city!: string | null;

  @Column({ type: 'double' })
  latitude!: number;

  @Column({ type: 'double' })
  longitude!: number;

  /** 1.0–5.0 */
  @Column({ type: 'double', nullable: true })
  rating!: number | null;

  @Column({ name: 'review_count', type: 'int', nullable: true })
  reviewCount!: number | null;

  /** 1 (cheap) … 4 (expensive) */
  @Column({ name: 'price_level', type: 'int', nullable: true })
  priceLevel!: number | null;

  /** OpenStreetMap opening_hours syntax. */
  @Column({ name: 'opening_hours', type: 'varchar', length: 500, nullable: true })
  openingHours!: string | null;

  @Column({ name: 'outdoor_seating', type: 'boolean', nullable: true })
  outdoorSeating!: boolean | null;

  @Column({ type: 'boolean', nullable: true })
  wheelchair!: boolean | null;

  @Column({ type: 'boolean', nullable: true })
  vegetarian!: boolean | null;

  @Column({ type: 'boolean', nullable: true })
  vegan!: boolean | null;

  @Column({ type: 'boolean', nullable: true })
  dogs!: boolean | null;

  @Column({ type: 'boolean', nullable: true })
  kids!: boolean | null;

  /** Free of charge (OSM fee=no); null when unknown. */
  @Column({ type: 'boolean', nullable: true })
  free!: boolean | null;

  /** OSM cuisine values, e.g. ['italian', 'pizza']. */
  @Column({ type: 'simple-json', nullable: true })
  cuisine!: string[] | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  website!: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  phone!: string | null;

  /** Every tag of the source feature, for later use. */
  @Column({ type: 'simple-json' })
  tags!: Record<string, string>;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
