import { CreatePreviews1764028800000 } from './1764028800000-create-previews';

/** Listed, not globbed: the apps are bundled, so there is no migrations folder at run time. */
export const migrations = [CreatePreviews1764028800000];
