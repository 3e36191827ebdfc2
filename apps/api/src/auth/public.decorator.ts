import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'undercurrent:public';

/** Marks a route that needs no token: only `/health` and the signed webhook receivers. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
