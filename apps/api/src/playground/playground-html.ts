/** The playground page. Plain HTML, no build step; inlined as a module so the webpack bundle carries it. */
export const playgroundHtml = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Unfurl playground</title>
<link rel="stylesheet" href="/playground/playground.css">
<script src="/playground/playground.js" defer></script>
</head>
<body>
<main>
  <header>
    <h1>Unfurl playground</h1>
    <p>Paste a link and see the preview card a chat or CMS would show. <a href="/docs">API docs</a></p>
  </header>
  <form id="unfurl-form">
    <input id="url" name="url" type="url" placeholder="https://example.com/article" required autofocus>
    <button id="submit" type="submit">Unfurl</button>
    <details>
      <summary>API key</summary>
      <input id="api-key" name="apiKey" type="password" placeholder="Only needed when the server requires keys" autocomplete="off">
    </details>
  </form>
  <p id="status" role="status"></p>
  <article id="card" class="card" hidden>
    <a id="card-link" class="card-link" target="_blank" rel="noopener noreferrer">
      <img id="card-image" class="card-image" alt="" hidden>
      <div class="card-body">
        <div class="card-site"><img id="card-icon" class="card-icon" alt="" hidden><span id="card-site"></span></div>
        <h2 id="card-title" class="card-title"></h2>
        <p id="card-description" class="card-description"></p>
      </div>
    </a>
  </article>
  <section>
    <h3>Raw JSON</h3>
    <pre id="raw">{}</pre>
  </section>
</main>
</body>
</html>
`;
