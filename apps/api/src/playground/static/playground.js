// The playground's script, run by the browser as is (no build step). It asks for the preview,
// follows its event stream while it is pending (fetch, not EventSource, so an API key can be sent),
// then draws the card from the data with textContent and checked URLs only: page metadata is
// untrusted input.
'use strict';
const $ = (id) => document.getElementById(id);

function headers() {
  const key = $('api-key').value.trim();
  return key ? { authorization: 'Bearer ' + key } : {};
}

function httpUrl(value) {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function setStatus(text, isError) {
  $('status').textContent = text;
  $('status').className = isError ? 'error' : '';
}

function setImage(element, media) {
  const src = media && httpUrl(media.url);
  element.hidden = !src;
  if (src) element.src = src;
  else element.removeAttribute('src');
}

/** How the page was read (static or rendered) and, when a wanted render failed, why. */
function showFetch(data) {
  $('fetch-mode').textContent = data.fetchMode || 'static';
  $('render-error').textContent = data.renderError ? 'render failed: ' + data.renderError.code + ' (' + data.renderError.message + ')' : '';
  $('fetch').hidden = false;
}

let screenshotShown = null;

/**
 * The screenshot is fetched like every other API call (an <img src> could not send the API key)
 * and shown from a blob: URL; only a path on this API is followed.
 */
async function showScreenshot(link) {
  const path = link && typeof link.url === 'string' && /^\/v1\/previews\/[\w-]+\/screenshot$/.test(link.url) ? link.url : null;
  if (path === screenshotShown) return;
  hideScreenshot();
  if (!path) return;
  screenshotShown = path;
  const response = await fetch(path, { headers: headers() });
  if (!response.ok || screenshotShown !== path) return;
  $('screenshot-image').src = URL.createObjectURL(await response.blob());
  $('screenshot-figure').hidden = false;
}

function hideScreenshot() {
  screenshotShown = null;
  const image = $('screenshot-image');
  if (image.src.startsWith('blob:')) URL.revokeObjectURL(image.src);
  image.removeAttribute('src');
  $('screenshot-figure').hidden = true;
}

function render(preview) {
  $('raw').textContent = JSON.stringify(preview, null, 2);
  if (preview.status === 'failed') {
    $('card').hidden = true;
    $('fetch').hidden = true;
    setStatus('Failed: ' + preview.error.code + ' (' + preview.error.message + ')', true);
    return;
  }
  if (preview.status !== 'ready') {
    setStatus('Fetching ' + preview.url + ' ...');
    return;
  }
  const data = preview.data;
  const link = httpUrl(data.url) || httpUrl(preview.url);
  $('card-link').href = link || '#';
  $('card-title').textContent = data.title || link;
  $('card-description').textContent = data.description || '';
  $('card-site').textContent = data.siteName || new URL(link).hostname;
  setImage($('card-image'), data.image);
  setImage($('card-icon'), data.logo);
  $('card').style.setProperty('--theme', /^#[0-9a-f]{3,8}$/i.test(data.themeColor || '') ? data.themeColor : '');
  $('card').hidden = false;
  showFetch(data);
  void showScreenshot(data.screenshot).catch(hideScreenshot);
  setStatus('Ready');
}

/** The answer's Unfurl-Cache (HIT, STALE, MISS, REFRESH, BYPASS) and Age, as the server sent them. */
function showCache(response) {
  const status = response.headers.get('unfurl-cache');
  $('cache').hidden = !status;
  $('cache-status').textContent = status || '';
  $('cache-age').textContent = response.headers.get('age') || '0';
}

async function problem(response) {
  return describeProblem(await response.json().catch(() => ({})), response.statusText);
}

function describeProblem(body, fallbackTitle) {
  return new Error((body.title || fallbackTitle) + (body.detail ? ': ' + body.detail : '') + (body.code ? ' [' + body.code + ']' : ''));
}

/** Reads the text/event-stream of a pending preview until the server ends it. */
async function follow(id) {
  const response = await fetch('/v1/previews/' + encodeURIComponent(id) + '/events', { headers: headers() });
  if (!response.ok) throw await problem(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const lines = buffer.slice(0, end).split('\n');
      buffer = buffer.slice(end + 2);
      const data = lines.filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trimStart()).join('\n');
      if (!data) continue;
      // The stream's last event is a problem when it could not go on (the preview was purged, say).
      if (lines.includes('event: problem')) throw describeProblem(JSON.parse(data), 'the event stream ended');
      render(JSON.parse(data));
    }
  }
}

async function unfurl(url) {
  $('submit').disabled = true;
  $('card').hidden = true;
  $('cache').hidden = true;
  $('fetch').hidden = true;
  hideScreenshot();
  setStatus('Asking for ' + url + ' ...');
  // How to read the page: only applies when it is fetched (a new preview, a refresh, a retry).
  const how = '&render=' + encodeURIComponent($('render').value) + ($('screenshot').checked ? '&screenshot=true' : '');
  try {
    const response = await fetch('/v1/previews?url=' + encodeURIComponent(url) + how, { headers: headers() });
    if (!response.ok) throw await problem(response);
    showCache(response);
    const preview = await response.json();
    render(preview);
    if (preview.status === 'pending') await follow(preview.id);
  } catch (error) {
    setStatus(error.message, true);
  } finally {
    $('submit').disabled = false;
  }
}

// A card without its picture beats a broken-image icon: hide what does not load.
for (const id of ['card-image', 'card-icon']) $(id).addEventListener('error', (event) => { event.target.hidden = true; });

$('unfurl-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void unfurl($('url').value.trim());
});
