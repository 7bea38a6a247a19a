/** The samples of a Prometheus text exposition, keyed `name{labels}` as written. */
export async function scrape(url: string, token?: string): Promise<Map<string, number> | null> {
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} }).catch(() => null);
  if (!response?.ok) return null;
  const samples = new Map<string, number>();
  for (const line of (await response.text()).split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const space = line.lastIndexOf(' ');
    samples.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return samples;
}

/** Reads the event-loop delay p99 (ms) since the previous scrape; the first scrape of a scenario resets it. */
export async function eventLoopP99Ms(url: string, token?: string): Promise<number | null> {
  const samples = await scrape(url, token);
  const value = samples?.get('unfurl_event_loop_delay_seconds{quantile="0.99"}');
  return value === undefined ? null : value * 1000;
}
