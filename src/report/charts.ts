/**
 * The reports' charts as inline SVG (no script, no network): a flow chart between states (Sankey-like), step
 * curves (Kaplan–Meier), a population pyramid and a line chart over time. Every chart scales to its container
 * (`viewBox`, width 100 %), keeps its text inside the view box (margins are sized from the longest label), and
 * puts its legend outside the plotting area (in HTML, above the chart), so that no legend hides a line.
 *
 * Labels are bilingual (`<tspan>`s the page's language switch shows or hides); numbers are French-formatted.
 *
 * @module
 */
import { type Bilingual, biText, escapeHtml, formatCount, formatPercent } from './kit.js';

/** A palette readable by most colour-blind readers (Okabe–Ito, then greys). */
export const PALETTE = [
  '#0072b2',
  '#e69f00',
  '#009e73',
  '#d55e00',
  '#cc79a7',
  '#56b4e9',
  '#f0e442',
  '#000000',
  '#999999',
  '#7f5f3f',
  '#5d3a9b',
  '#4d8f4d',
  '#b3b3b3',
  '#666666',
  '#c9a0dc',
];

/** A rough width of a text in pixels at a font size (generous, so that margins never clip). */
export function textWidth(text: string, size: number): number {
  return Math.ceil(text.length * size * 0.62) + 4;
}

function widest(texts: readonly Bilingual[], size: number): number {
  return Math.max(0, ...texts.flatMap((t) => [textWidth(t.fr, size), textWidth(t.en, size)]));
}

/** "Nice" round tick values from 0 to at least `max`. */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const n = Math.max(1, Math.ceil(max / step - 1e-9));
  return Array.from({ length: n + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}

function svgOpen(w: number, h: number, label: Bilingual, cls: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" class="${cls}" role="img" aria-label="${escapeHtml(label.fr)}" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" font-size="12">`;
}

/** An HTML legend (outside the chart): a colour swatch and a label per series. */
export function legendHtml(items: readonly { label: Bilingual; color: string; dash?: boolean }[]): string {
  return `<div class="legend">${items
    .map(
      (i) =>
        `<span class="legend-item"><svg width="22" height="10" aria-hidden="true"><line x1="1" y1="5" x2="21" y2="5" stroke="${i.color}" stroke-width="3"${i.dash ? ' stroke-dasharray="4 2"' : ''}/></svg> ${biText(i.label)}</span>`,
    )
    .join('')}</div>`;
}

/** A node of a flow chart: one state in one column. */
export interface FlowNode {
  id: string;
  label: Bilingual;
  count: number;
  color?: string;
}

/** A flow chart: columns of states (e.g. the nature of measure on 31 December of each year) and the flows between consecutive columns. */
export interface FlowChart {
  columns: readonly { label: Bilingual; nodes: readonly FlowNode[] }[];
  /** `links[c]` goes from column c to column c + 1. */
  links: readonly (readonly { from: string; to: string; count: number }[])[];
  label: Bilingual;
}

/**
 * A flow chart (Sankey-like): one bar per state and column, its height proportional to the number of people,
 * and bands between consecutive columns whose width is the number of people who went from one state to the
 * other. Each state is labelled with its name and count; each band has a tooltip.
 *
 * @example
 * flowSvg({ label: { fr: 'Flux', en: 'Flows' }, columns: [
 *   { label: { fr: '2022', en: '2022' }, nodes: [{ id: 'aed', label: { fr: 'AED', en: 'AED' }, count: 3 }] },
 *   { label: { fr: '2023', en: '2023' }, nodes: [{ id: 'aemo', label: { fr: 'AEMO', en: 'AEMO' }, count: 3 }] },
 * ], links: [[{ from: 'aed', to: 'aemo', count: 3 }]] }).startsWith('<svg'); // true
 */
export function flowSvg(chart: FlowChart): string {
  const FONT = 12;
  const nodeW = 14;
  const gap = 8;
  const cols = chart.columns.map((c) => ({ ...c, nodes: c.nodes.filter((n) => n.count > 0) }));
  const total = Math.max(1, ...cols.map((c) => c.nodes.reduce((s, n) => s + n.count, 0)));
  const maxNodes = Math.max(1, ...cols.map((c) => c.nodes.length));
  const plotH = Math.max(260, maxNodes * 30);
  const top = 28;
  const H = top + plotH + gap * (maxNodes - 1) + 10;
  const scale = plotH / total;
  const labelOf = (n: FlowNode): Bilingual => ({
    fr: `${n.label.fr} (${formatCount(n.count)})`,
    en: `${n.label.en} (${formatCount(n.count)})`,
  });
  const leftW = widest(cols[0]?.nodes.map(labelOf) ?? [], FONT) + 8;
  const rightW = Math.max(...cols.slice(1).map((c) => widest(c.nodes.map(labelOf), FONT) + 8), 0);
  const span = Math.max(240, 220 * Math.max(1, cols.length - 1));
  const W = Math.ceil(leftW + nodeW + span + rightW);
  const x = (c: number): number => leftW + (cols.length <= 1 ? 0 : (c * span) / (cols.length - 1));
  // Node positions.
  const pos = cols.map((col) => {
    const m = new Map<string, { y: number; h: number; outAt: number; inAt: number; color: string }>();
    let y = top;
    col.nodes.forEach((n, i) => {
      const h = Math.max(1.5, n.count * scale);
      m.set(n.id, { y, h, outAt: y, inAt: y, color: n.color ?? PALETTE[i % PALETTE.length]! });
      y += h + gap;
    });
    return m;
  });
  const parts: string[] = [svgOpen(W, H, chart.label, 'flow-chart')];
  // Bands first (under the nodes), ordered by source then target so they do not cross inside a node.
  chart.links.forEach((links, c) => {
    const from = pos[c];
    const to = pos[c + 1];
    if (!from || !to) return;
    const order = (m: Map<string, unknown>, id: string): number => [...m.keys()].indexOf(id);
    const sorted = links
      .filter((l) => l.count > 0 && from.has(l.from) && to.has(l.to))
      .sort((a, b) => order(from, a.from) - order(from, b.from) || order(to, a.to) - order(to, b.to));
    // Incoming bands are stacked in the order of their source.
    const incoming = [...sorted].sort(
      (a, b) => order(to, a.to) - order(to, b.to) || order(from, a.from) - order(from, b.from),
    );
    const inY = new Map<(typeof sorted)[number], number>();
    for (const l of incoming) {
      const t = to.get(l.to)!;
      inY.set(l, t.inAt);
      t.inAt += l.count * scale;
    }
    const x0 = x(c) + nodeW;
    const x1 = x(c + 1);
    const xm = (x0 + x1) / 2;
    const sourceCol = cols[c]!;
    const targetCol = cols[c + 1]!;
    for (const l of sorted) {
      const s = from.get(l.from)!;
      const h = l.count * scale;
      const y0 = s.outAt;
      s.outAt += h;
      const y1 = inY.get(l)!;
      const sName = sourceCol.nodes.find((n) => n.id === l.from)!;
      const tName = targetCol.nodes.find((n) => n.id === l.to)!;
      const tip = `${sName.label.fr} → ${tName.label.fr} : ${formatCount(l.count)} (${formatPercent(l.count, sName.count)})`;
      parts.push(
        `<path class="flow" d="M${x0.toFixed(1)},${y0.toFixed(1)}C${xm.toFixed(1)},${y0.toFixed(1)} ${xm.toFixed(1)},${y1.toFixed(1)} ${x1.toFixed(1)},${y1.toFixed(1)}L${x1.toFixed(1)},${(y1 + h).toFixed(1)}C${xm.toFixed(1)},${(y1 + h).toFixed(1)} ${xm.toFixed(1)},${(y0 + h).toFixed(1)} ${x0.toFixed(1)},${(y0 + h).toFixed(1)}Z" fill="${s.color}" fill-opacity="0.35"><title>${escapeHtml(tip)}</title></path>`,
      );
    }
  });
  // Column titles, nodes and their labels.
  cols.forEach((col, c) => {
    const cx = x(c) + nodeW / 2;
    const anchor = c === 0 ? 'start' : c === cols.length - 1 ? 'end' : 'middle';
    const tx = c === 0 ? x(c) : c === cols.length - 1 ? x(c) + nodeW : cx;
    parts.push(
      `<text x="${tx.toFixed(1)}" y="16" text-anchor="${anchor}" font-weight="600">${biText(col.label, { svg: true })}</text>`,
    );
    for (const n of col.nodes) {
      const p = pos[c]!.get(n.id)!;
      parts.push(
        `<rect class="flow-node" x="${x(c).toFixed(1)}" y="${p.y.toFixed(1)}" width="${nodeW}" height="${p.h.toFixed(1)}" fill="${p.color}"><title>${escapeHtml(`${n.label.fr} : ${formatCount(n.count)}`)}</title></rect>`,
      );
      if (p.h < 9) continue; // too thin to carry a label legibly: the tooltip and the table below say it
      const left = c === 0;
      const lx = left ? x(c) - 6 : x(c) + nodeW + 6;
      parts.push(
        `<text class="halo" x="${lx.toFixed(1)}" y="${(p.y + p.h / 2 + 4).toFixed(1)}" text-anchor="${left ? 'end' : 'start'}">${biText(labelOf(n), { svg: true })}</text>`,
      );
    }
  });
  parts.push('</svg>');
  return parts.join('');
}

/** One step curve: the share still running (1 → 0) at each time. */
export interface StepCurve {
  label: Bilingual;
  color?: string;
  /** Times (ascending) and the share after each time. */
  times: readonly number[];
  values: readonly number[];
}

/**
 * Step curves (Kaplan–Meier survival): share still running against time, with axes, a 50 % guide line and ticks.
 * Times are in days; the axis shows months.
 */
export function stepCurvesSvg(curves: readonly StepCurve[], options: { label: Bilingual; maxDays?: number }): string {
  const W = 760;
  const H = 320;
  const L = 56;
  const R = 16;
  const T = 12;
  const B = 44;
  const maxDays = options.maxDays ?? Math.max(30, ...curves.map((c) => c.times[c.times.length - 1] ?? 0));
  const months = maxDays / 30.4375;
  const xTicks = niceTicks(months, 8);
  const xMax = xTicks[xTicks.length - 1]!;
  const x = (days: number): number => L + (days / 30.4375 / xMax) * (W - L - R);
  const y = (share: number): number => T + (1 - share) * (H - T - B);
  const parts: string[] = [svgOpen(W, H, options.label, 'survival-chart')];
  for (const v of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(
      `<line x1="${L}" y1="${y(v).toFixed(1)}" x2="${W - R}" y2="${y(v).toFixed(1)}" stroke="${v === 0.5 ? '#555' : '#e0e0e0'}"${v === 0.5 ? ' stroke-dasharray="4 3"' : ''}/>`,
    );
    parts.push(
      `<text x="${L - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${formatCount(100 * v)}\u00a0%</text>`,
    );
  }
  for (const t of xTicks) {
    parts.push(
      `<line x1="${x(t * 30.4375).toFixed(1)}" y1="${H - B}" x2="${x(t * 30.4375).toFixed(1)}" y2="${H - B + 4}" stroke="#888"/>`,
    );
    parts.push(
      `<text x="${x(t * 30.4375).toFixed(1)}" y="${H - B + 17}" text-anchor="middle">${formatCount(t)}</text>`,
    );
  }
  parts.push(
    `<line x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}" stroke="#888"/><line x1="${L}" y1="${T}" x2="${L}" y2="${H - B}" stroke="#888"/>`,
  );
  parts.push(
    `<text x="${((L + W - R) / 2).toFixed(1)}" y="${H - 6}" text-anchor="middle">${biText({ fr: 'Durée depuis le début de la mesure (mois)', en: 'Time since the start of the measure (months)' }, { svg: true })}</text>`,
  );
  curves.forEach((c, i) => {
    let d = `M${x(0).toFixed(1)},${y(1).toFixed(1)}`;
    let last = 1;
    c.times.forEach((t, k) => {
      const tt = Math.min(t, maxDays);
      d += `H${x(tt).toFixed(1)}V${y(c.values[k]!).toFixed(1)}`;
      last = c.values[k]!;
    });
    d += `H${x(maxDays).toFixed(1)}`;
    const color = c.color ?? PALETTE[i % PALETTE.length]!;
    parts.push(
      `<path class="curve" d="${d}" fill="none" stroke="${color}" stroke-width="${i === 0 ? 2.5 : 1.6}"${i === 0 ? '' : ''}><title>${escapeHtml(`${c.label.fr} (${formatPercent(last, 1)} encore en cours à la fin)`)}</title></path>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

/**
 * A population pyramid: boys on the left, girls on the right, one row per age (youngest at the bottom), the
 * count at the end of each bar.
 */
export function pyramidSvg(
  rows: readonly { age: number; boys: number; girls: number }[],
  options: { label: Bilingual },
): string {
  const rowH = 16;
  const W = 720;
  const mid = W / 2;
  const centre = 22; // half-width of the age column
  const top = 24;
  const bottom = 8;
  const max = Math.max(1, ...rows.map((r) => Math.max(r.boys, r.girls)));
  const valueRoom = textWidth(formatCount(max), 11) + 4;
  const barMax = mid - centre - valueRoom - 4;
  const H = top + rows.length * rowH + bottom;
  const parts: string[] = [svgOpen(W, H, options.label, 'pyramid-chart')];
  parts.push(
    `<text x="${mid - centre - 4}" y="14" text-anchor="end" font-weight="600" fill="#0072b2">${biText({ fr: 'Garçons', en: 'Boys' }, { svg: true })}</text>`,
  );
  parts.push(
    `<text x="${mid}" y="14" text-anchor="middle" font-size="11">${biText({ fr: 'Âge', en: 'Age' }, { svg: true })}</text>`,
  );
  parts.push(
    `<text x="${mid + centre + 4}" y="14" font-weight="600" fill="#d55e00">${biText({ fr: 'Filles', en: 'Girls' }, { svg: true })}</text>`,
  );
  rows.forEach((r, i) => {
    const y = top + (rows.length - 1 - i) * rowH;
    const bw = (r.boys / max) * barMax;
    const gw = (r.girls / max) * barMax;
    parts.push(
      `<rect x="${(mid - centre - bw).toFixed(1)}" y="${y + 1}" width="${bw.toFixed(1)}" height="${rowH - 3}" fill="#0072b2"><title>${escapeHtml(`${r.age} ans, garçons : ${formatCount(r.boys)}`)}</title></rect>`,
    );
    parts.push(
      `<rect x="${mid + centre}" y="${y + 1}" width="${gw.toFixed(1)}" height="${rowH - 3}" fill="#d55e00"><title>${escapeHtml(`${r.age} ans, filles : ${formatCount(r.girls)}`)}</title></rect>`,
    );
    parts.push(`<text x="${mid}" y="${y + rowH - 4}" text-anchor="middle" font-size="11">${r.age}</text>`);
    if (r.boys > 0)
      parts.push(
        `<text x="${(mid - centre - bw - 3).toFixed(1)}" y="${y + rowH - 4}" text-anchor="end" font-size="11">${formatCount(r.boys)}</text>`,
      );
    if (r.girls > 0)
      parts.push(
        `<text x="${(mid + centre + gw + 3).toFixed(1)}" y="${y + rowH - 4}" font-size="11">${formatCount(r.girls)}</text>`,
      );
  });
  parts.push('</svg>');
  return parts.join('');
}

/** One series of a line chart. */
export interface LineSeries {
  label: Bilingual;
  color: string;
  values: readonly number[];
  width?: number;
}

/** A line chart over time: x labels (shown when `showLabel(i)`), series in their colours, a y axis with round ticks. */
export function lineChartSvg(
  xLabels: readonly Bilingual[],
  series: readonly LineSeries[],
  options: { label: Bilingual; showLabel?: (i: number) => boolean },
): string {
  const W = 760;
  const H = 260;
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const ticks = niceTicks(max, 5);
  const yMax = ticks[ticks.length - 1]!;
  const L = Math.max(...ticks.map((t) => textWidth(formatCount(t), 11))) + 10;
  const R = 30;
  const T = 10;
  const B = 28;
  const n = xLabels.length;
  const x = (i: number): number => L + (n <= 1 ? 0 : (i / (n - 1)) * (W - L - R));
  const y = (v: number): number => T + (1 - v / yMax) * (H - T - B);
  const parts: string[] = [svgOpen(W, H, options.label, 'line-chart')];
  for (const t of ticks) {
    parts.push(`<line x1="${L}" y1="${y(t).toFixed(1)}" x2="${W - R}" y2="${y(t).toFixed(1)}" stroke="#e6e6e6"/>`);
    parts.push(
      `<text x="${L - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end" font-size="11">${formatCount(t)}</text>`,
    );
  }
  const show = options.showLabel ?? (() => true);
  xLabels.forEach((label, i) => {
    if (show(i))
      parts.push(
        `<text x="${x(i).toFixed(1)}" y="${H - 8}" text-anchor="${i === 0 ? 'start' : i === xLabels.length - 1 ? 'end' : 'middle'}" font-size="11">${biText(label, { svg: true })}</text>`,
      );
  });
  parts.push(`<line x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}" stroke="#888"/>`);
  for (const s of series) {
    parts.push(
      `<polyline fill="none" stroke="${s.color}" stroke-width="${s.width ?? 2}" points="${s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ')}"><title>${escapeHtml(s.label.fr)}</title></polyline>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}
