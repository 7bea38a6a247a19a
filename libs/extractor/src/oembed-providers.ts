// oEmbed endpoints of providers whose pages do not (reliably) advertise one with a discovery link,
// after the oembed.com providers list. Instagram and Facebook are absent: their endpoint needs an app token.
const PROVIDERS: { match: RegExp; endpoint: string }[] = [
  {
    match: /^https?:\/\/((www|m|music)\.)?youtube\.com\/(watch|shorts\/|live\/|embed\/|playlist)|^https?:\/\/youtu\.be\//,
    endpoint: 'https://www.youtube.com/oembed?format=json&url=',
  },
  { match: /^https?:\/\/(www\.|player\.)?vimeo\.com\/./, endpoint: 'https://vimeo.com/api/oembed.json?url=' },
  {
    match: /^https?:\/\/((www|mobile)\.)?(twitter|x)\.com\/[^/]+\/status(es)?\/\d+/,
    endpoint: 'https://publish.twitter.com/oembed?url=',
  },
  {
    match: /^https?:\/\/open\.spotify\.com\/(track|album|playlist|artist|episode|show)\//,
    endpoint: 'https://open.spotify.com/oembed?url=',
  },
  { match: /^https?:\/\/(www\.|m\.)?soundcloud\.com\/[^/]+\/./, endpoint: 'https://soundcloud.com/oembed?format=json&url=' },
  { match: /^https?:\/\/(www\.)?tiktok\.com\/@[^/]+\/video\/\d+/, endpoint: 'https://www.tiktok.com/oembed?url=' },
  {
    match: /^https?:\/\/(www\.)?flickr\.com\/photos\/|^https?:\/\/flic\.kr\/p\//,
    endpoint: 'https://www.flickr.com/services/oembed/?format=json&url=',
  },
  { match: /^https?:\/\/(www\.|old\.)?reddit\.com\/r\/[^/]+\/comments\//, endpoint: 'https://www.reddit.com/oembed?url=' },
  {
    match: /^https?:\/\/(www\.)?dailymotion\.com\/video\/|^https?:\/\/dai\.ly\//,
    endpoint: 'https://www.dailymotion.com/services/oembed?format=json&url=',
  },
  { match: /^https?:\/\/(www\.)?ted\.com\/talks\//, endpoint: 'https://www.ted.com/services/v1/oembed.json?url=' },
  { match: /^https?:\/\/(www\.)?mixcloud\.com\/[^/]+\/[^/]+/, endpoint: 'https://app.mixcloud.com/oembed/?format=json&url=' },
  { match: /^https?:\/\/codepen\.io\/[^/]+\/pen\//, endpoint: 'https://codepen.io/api/oembed?format=json&url=' },
  { match: /^https?:\/\/(www\.)?kickstarter\.com\/projects\//, endpoint: 'https://www.kickstarter.com/services/oembed?url=' },
  { match: /^https?:\/\/(www\.)?giphy\.com\/gifs\//, endpoint: 'https://giphy.com/services/oembed?url=' },
  { match: /^https?:\/\/(www\.)?slideshare\.net\/[^/]+\/./, endpoint: 'https://www.slideshare.net/api/oembed/2?format=json&url=' },
  { match: /^https?:\/\/streamable\.com\/./, endpoint: 'https://api.streamable.com/oembed.json?url=' },
];

/** The oEmbed JSON endpoint of a known provider for the page URL, or null. */
export function providerOembedUrl(pageUrl: string): string | null {
  const provider = PROVIDERS.find((p) => p.match.test(pageUrl));
  return provider ? provider.endpoint + encodeURIComponent(pageUrl) : null;
}
