import { applyDecorators } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';

/** The name of the bearer scheme in the OpenAPI document (openapi.ts). */
export const BEARER_SCHEME = 'bearer';

/**
 * OpenAPI security of the routes ApiKeyGuard protects: a key, or none unless the server sets
 * AUTH_REQUIRED (or runs in production); a key that is sent must be valid.
 */
export const ApiOptionalKey = () => applyDecorators(ApiSecurity(BEARER_SCHEME), ApiSecurity({}));

/** OpenAPI security of admin routes (AdminGuard): an admin key, always. */
export const ApiAdminKey = () => ApiSecurity(BEARER_SCHEME);
