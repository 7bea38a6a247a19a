/** How a page is read: statically (`never`), in the headless renderer (`always`), or as the worker judges (`auto`). */
export const RENDER_MODES = ['auto', 'always', 'never'] as const;
export type RenderMode = (typeof RENDER_MODES)[number];
