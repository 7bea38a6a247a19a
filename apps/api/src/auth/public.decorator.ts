import { type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';

export const IS_PUBLIC = 'unfurl:public';

/** Marks a controller or route as open to anyone, without key or rate limit (health probes). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Whether the route or its controller is @Public(): the global guards let it through untouched. */
export const isPublicRoute = (reflector: Reflector, context: ExecutionContext): boolean =>
  reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]) === true;
