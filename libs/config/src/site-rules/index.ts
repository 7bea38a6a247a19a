export * from './site-rule';
export * from './site-rules';
export * from './parse-site-rules';
export * from './load-site-rules';
export { DEFAULT_SITE_RULES } from './site-rules.defaults';
