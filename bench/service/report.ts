export interface Row {
  scenario: string;
  unfurl: string;
  reference: string;
  ratio: string;
  target: string;
  met: boolean | null;
}

const ticks = (max: number) => Array.from({ length: 6 }, (_, i) => (max / 5) * i);

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - text.length));

export function markdownTable(rows: Row[]): string {
  const cells = rows.map((row) => [row.scenario, row.unfurl, row.reference, row.ratio, row.target, row.met === null ? '' : row.met ? 'yes' : 'NO']);
  const header = ['Scenario', 'Unfurl', 'Reference', 'Ratio', 'Target', 'Met'];
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((cell) => cell[i].length)));
  const line = (values: string[]) => `| ${values.map((value, i) => pad(value, widths[i])).join(' | ')} |`;
  return [line(header), `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`, ...cells.map(line)].join('\n');
}

export interface Series {
  name: string;
  color: string;
  /** [offered or achieved req/s, latency ms] */
  points: Array<[number, number]>;
  dashed?: boolean;
}

/** A small line chart of latency against load, as standalone SVG. */
export function latencyChart(title: string, series: Series[]): string {
  const width = 720;
  const height = 420;
  const margin = { left: 64, right: 170, top: 40, bottom: 52 };
  const all = series.flatMap((s) => s.points);
  const maxX = Math.max(1, ...all.map(([x]) => x)) * 1.05;
  const maxY = Math.max(1, ...all.map(([, y]) => y)) * 1.1;
  const x = (value: number) => margin.left + (value / maxX) * (width - margin.left - margin.right);
  const y = (value: number) => height - margin.bottom - (value / maxY) * (height - margin.top - margin.bottom);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${margin.left}" y="24" font-size="15" font-weight="bold">${title}</text>`,
  ];
  for (const tick of ticks(maxX)) {
    parts.push(`<line x1="${x(tick)}" x2="${x(tick)}" y1="${margin.top}" y2="${height - margin.bottom}" stroke="#eee"/>`, `<text x="${x(tick)}" y="${height - margin.bottom + 16}" text-anchor="middle">${Math.round(tick)}</text>`);
  }
  for (const tick of ticks(maxY)) {
    parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${y(tick)}" y2="${y(tick)}" stroke="#eee"/>`, `<text x="${margin.left - 6}" y="${y(tick) + 4}" text-anchor="end">${tick.toFixed(tick < 10 ? 1 : 0)}</text>`);
  }
  parts.push(
    `<text x="${(margin.left + width - margin.right) / 2}" y="${height - 12}" text-anchor="middle">achieved requests per second</text>`,
    `<text x="16" y="${(margin.top + height - margin.bottom) / 2}" text-anchor="middle" transform="rotate(-90 16 ${(margin.top + height - margin.bottom) / 2})">latency (ms)</text>`,
  );
  series.forEach((s, i) => {
    const path = s.points.map(([px, py], j) => `${j === 0 ? 'M' : 'L'}${x(px).toFixed(1)},${y(py).toFixed(1)}`).join(' ');
    parts.push(`<path d="${path}" fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5,4"' : ''}/>`);
    for (const [px, py] of s.points) parts.push(`<circle cx="${x(px).toFixed(1)}" cy="${y(py).toFixed(1)}" r="3" fill="${s.color}"/>`);
    const ly = margin.top + 10 + i * 20;
    parts.push(`<line x1="${width - margin.right + 12}" x2="${width - margin.right + 36}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5,4"' : ''}/>`, `<text x="${width - margin.right + 42}" y="${ly + 4}">${s.name}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

/** Idle and loaded RSS (MB) per group of processes; loaded is the peak during the cold unfurls. */
export interface RssFigures {
  idle: Record<string, number>;
  loaded: Record<string, number>;
}

/**
 * One row per group of Unfurl's processes, and the peer's groups (if it ran) in the reference
 * column of the rows they compare with (by position: API with API, worker with Celery).
 */
export function rssRows(unfurl: RssFigures, peer: RssFigures | null): Row[] {
  const mb = (figures: RssFigures, name: string) => `${Math.round(figures.idle[name] ?? 0)} -> ${Math.round(figures.loaded[name] ?? 0)} MB`;
  const peerNames = peer ? Object.keys(peer.idle) : [];
  return Object.keys(unfurl.idle).map((name, i) => ({
    scenario: `RSS idle -> loaded (cold unfurls): ${name}`,
    unfurl: mb(unfurl, name),
    reference: peer && peerNames[i] ? `${peerNames[i]} ${mb(peer, peerNames[i])}` : '',
    ratio: '',
    target: '',
    met: null,
  }));
}
