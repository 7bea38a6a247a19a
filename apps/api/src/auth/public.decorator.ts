import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'unfurl:public';

/** Marks a controller or route as open to anyone, without key or rate limit (health probes). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
