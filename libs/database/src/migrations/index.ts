import { CreatePreviews1764028800000 } from './1764028800000-create-previews';
import { CreateApiKeys1764115200000 } from './1764115200000-create-api-keys';
import { CreatePreviewCallbacks1764374400000 } from './1764374400000-create-preview-callbacks';
import { CreateBatches1764201600000 } from './1764201600000-create-batches';
import { AddPreviewLang1764547200000 } from './1764547200000-add-preview-lang';
import { CreatePreviewScreenshots1764633600000 } from './1764633600000-create-preview-screenshots';
import { AddPreviewHasCallbacks1764720000000 } from './1764720000000-add-preview-has-callbacks';

/** Listed, not globbed: the apps are bundled, so there is no migrations folder at run time. */
export const migrations = [
  CreatePreviews1764028800000,
  CreateApiKeys1764115200000,
  CreatePreviewCallbacks1764374400000,
  CreateBatches1764201600000,
  AddPreviewLang1764547200000,
  CreatePreviewScreenshots1764633600000,
  AddPreviewHasCallbacks1764720000000,
];
