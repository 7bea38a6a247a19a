// Bounds that keep hostile or huge pages cheap: everything the card needs sits well inside them.
export const MAX_HTML_CHARS = 3_000_000;
export const MAX_KEPT_ATTRIBUTE_CHARS = 4_096;
export const MAX_TEXT_CHARS = 2_000;
export const MAX_META_TAGS = 1_000;
export const MAX_LINK_TAGS = 500;
export const MAX_BODY_IMAGES = 30;
export const MAX_JSON_LD_CHARS = 1_000_000;
export const MAX_JSON_LD_SCRIPTS = 20;
export const MAX_ITEM_PROPS = 300;
export const MAX_DEPTH = 4_000;
export const MAX_IMAGES = 20;
export const MAX_BYLINES = 8;
export const MAX_DATELINES = 6;
