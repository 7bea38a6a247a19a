export const playgroundCss = `
:root { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d1d1f; background: #f5f5f7; }
main { max-width: 720px; margin: 2rem auto; padding: 0 1rem; }
h1 { margin-bottom: 0.25rem; }
header p { margin-top: 0; color: #555; }
form { display: flex; flex-wrap: wrap; gap: 0.5rem; }
#url { flex: 1 1 24rem; font-size: 1rem; padding: 0.6rem 0.8rem; border: 1px solid #c7c7cc; border-radius: 8px; }
button { font-size: 1rem; padding: 0.6rem 1.2rem; border: 0; border-radius: 8px; background: #0a66c2; color: white; cursor: pointer; }
button:disabled { opacity: 0.6; cursor: progress; }
details { flex-basis: 100%; color: #555; font-size: 0.9rem; }
#api-key { margin-top: 0.4rem; width: 100%; padding: 0.4rem; }
#status { min-height: 1.4rem; color: #555; }
#status.error { color: #b00020; }
.card { border: 1px solid #d2d2d7; border-left: 4px solid var(--theme, #0a66c2); border-radius: 10px; background: white; overflow: hidden; max-width: 520px; }
.card-link { display: block; color: inherit; text-decoration: none; }
.card-image { display: block; width: 100%; max-height: 272px; object-fit: cover; background: #eee; }
.card-body { padding: 0.8rem 1rem 1rem; }
.card-site { display: flex; align-items: center; gap: 0.4rem; color: #6e6e73; font-size: 0.85rem; }
.card-icon { width: 16px; height: 16px; object-fit: contain; }
.card-title { font-size: 1.1rem; margin: 0.3rem 0; }
.card-description { margin: 0; color: #424245; font-size: 0.95rem; display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden; }
pre { background: #1d1d1f; color: #e8e8ed; padding: 1rem; border-radius: 8px; overflow: auto; max-height: 24rem; font-size: 0.8rem; }
`;
