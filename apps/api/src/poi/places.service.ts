import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, type DataSource } from 'typeorm';
import type { PlaceDetail, PlaceSummary, PlacesData } from '@holibot/contracts';
import { Poi } from '@holibot/database';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';

export class PlaceNotFoundError extends DomainError {
  constructor(id: number) {
    super('NOT_FOUND', `no place with id ${id}`);
  }
}

/**
 * The catalogue as the admin UI manages it: search every place (active or not) by name, town or
 * category, read one, and take one out of the answers or back in. A change is seen by the chat
 * within POI_RELOAD_INTERVAL_MS (the catalogue reloads when the table changes).
 */
@Injectable()
export class PlacesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async search(options: { q?: string; active?: boolean; limit: number; offset: number }): Promise<PlacesData> {
    const query = this.dataSource.getRepository(Poi).createQueryBuilder('p');
    const words = (options.q ?? '').trim().toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5);
    words.forEach((word, i) => {
      // LIKE with its wildcards escaped by "!": the visitor's % and _ are letters here. Not a
      // backslash, which MySQL also reads as an escape inside the string literal itself.
      const pattern = `%${word.replace(/[!%_]/g, (c) => `!${c}`)}%`;
      query.andWhere(
        new Brackets((any) =>
          any
            .where(`LOWER(p.name) LIKE :w${i} ESCAPE '!'`, { [`w${i}`]: pattern })
            .orWhere(`LOWER(p.city) LIKE :w${i} ESCAPE '!'`)
            .orWhere(`LOWER(p.category) LIKE :w${i} ESCAPE '!'`)
            .orWhere(`LOWER(p.subcategory) LIKE :w${i} ESCAPE '!'`),
        ),
      );
    });
    if (options.active !== undefined) query.andWhere('p.active = :active', { active: options.active });
    const [rows, total] = await query.orderBy('p.name', 'ASC').addOrderBy('p.id', 'ASC').skip(options.offset).take(options.limit).getManyAndCount();
    return { total, places: rows.map(summary) };
  }

  async get(id: number): Promise<PlaceDetail> {
    const poi = await this.dataSource.getRepository(Poi).findOneBy({ id });
    if (!poi) throw new PlaceNotFoundError(id);
    return {
      ...summary(poi),
      description: poi.description,
      address: poi.address,
      latitude: poi.latitude,
      longitude: poi.longitude,
      openingHours: poi.openingHours,
      website: poi.website,
      phone: poi.phone,
      tags: poi.tags,
    };
  }

  /** Takes a place out of the answers (active false) or back in; returns it as it is now. */
  async setActive(id: number, active: boolean): Promise<PlaceDetail> {
    const result = await this.dataSource.getRepository(Poi).update({ id }, { active, updatedAt: this.clock.now() });
    if (!result.affected) throw new PlaceNotFoundError(id);
    return this.get(id);
  }
}

function summary(poi: Poi): PlaceSummary {
  return {
    id: poi.id,
    name: poi.name,
    category: poi.category,
    subcategory: poi.subcategory,
    city: poi.city,
    active: Boolean(poi.active),
    rating: poi.rating,
    source: poi.source,
    updatedAt: poi.updatedAt.toISOString(),
  };
}
