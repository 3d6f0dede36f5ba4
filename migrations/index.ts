import { InitialSchema1764000000000 } from './1764000000000-InitialSchema.js';

/** Every migration, oldest first. A new migration is added here. */
export const MIGRATIONS = [InitialSchema1764000000000];
