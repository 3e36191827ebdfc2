import { Foundation1795248744731 } from './1795248744731-Foundation';

/** Every migration, in order. A new migration is generated (see README) and added here. */
export const MIGRATIONS: (new () => unknown)[] = [Foundation1795248744731];
