/**
 * Small charts as inline SVG text, so that report.html needs no script and loads nothing: lines
 * and bars over a time axis, a left and an optional right value axis, dashed threshold lines and a
 * legend.
 */

export interface ChartSeries {
  name: string;
  color: string;
  kind: 'line' | 'bars';
  /** [x, y]; a null y leaves a gap in a line. */
  points: ReadonlyArray<readonly [number, number | null]>;
  axis?: 'left' | 'right';
  dashed?: boolean;
}

export interface ChartSpec {
  /** For screen readers (aria-label) and the SVG's <title>. */
  title: string;
  xLabel: string;
  yLabel: string;
  yRightLabel?: string;
  xMax: number;
  series: readonly ChartSeries[];
  /** Dashed lines on the left axis (the scale fits the data, not them: one above it is named instead). */
  thresholds?: ReadonlyArray<{ value: number; label: string; color: string }>;
  width?: number;
  height?: number;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A step of 1, 2 or 5 × 10^n giving about `count` intervals up to `max`. */
export function niceStep(max: number, count = 5): number {
  if (!(max > 0)) return 1;
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  return step;
}

function ticks(max: number): { top: number; values: number[] } {
  const step = niceStep(max);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const values: number[] = [];
  for (let v = 0; v <= top + step / 2; v += step) values.push(Number(v.toPrecision(12)));
  return { top, values };
}

const fmt = (value: number) => (Math.abs(value) >= 1000 ? `${Math.round(value / 100) / 10}k` : String(Math.round(value * 100) / 100));

export function svgChart(spec: ChartSpec): string {
  const width = spec.width ?? 900;
  const height = spec.height ?? 280;
  const hasRight = spec.series.some((s) => s.axis === 'right');
  const margin = { left: 62, right: hasRight ? 62 : 20, top: 34, bottom: 40 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const maxOf = (axis: 'left' | 'right') =>
    Math.max(0, ...spec.series.filter((s) => (s.axis ?? 'left') === axis).flatMap((s) => s.points.map(([, y]) => y ?? 0)));
  const left = ticks(maxOf('left') * 1.05 || 1);
  const right = ticks(maxOf('right') * 1.05 || 1);
  const xMax = Math.max(1, spec.xMax);
  const x = (value: number) => margin.left + (plotW * value) / xMax;
  const y = (value: number, axis: 'left' | 'right' = 'left') => margin.top + plotH - (plotH * value) / (axis === 'left' ? left.top : right.top);
  const parts: string[] = [];

  // Grid and axes.
  for (const value of left.values) {
    parts.push(`<line class="grid" x1="${margin.left}" x2="${margin.left + plotW}" y1="${y(value).toFixed(1)}" y2="${y(value).toFixed(1)}"/>`);
    parts.push(`<text class="tick" x="${margin.left - 6}" y="${(y(value) + 4).toFixed(1)}" text-anchor="end">${fmt(value)}</text>`);
  }
  if (hasRight) {
    for (const value of right.values) {
      parts.push(`<text class="tick" x="${margin.left + plotW + 6}" y="${(y(value, 'right') + 4).toFixed(1)}">${fmt(value)}</text>`);
    }
  }
  const xStep = niceStep(xMax, 10);
  for (let value = 0; value <= xMax + 1e-9; value += xStep) {
    parts.push(`<line class="axis" x1="${x(value).toFixed(1)}" x2="${x(value).toFixed(1)}" y1="${margin.top + plotH}" y2="${margin.top + plotH + 4}"/>`);
    parts.push(`<text class="tick" x="${x(value).toFixed(1)}" y="${margin.top + plotH + 16}" text-anchor="middle">${fmt(value)}</text>`);
  }
  parts.push(`<line class="axis" x1="${margin.left}" x2="${margin.left + plotW}" y1="${margin.top + plotH}" y2="${margin.top + plotH}"/>`);
  parts.push(`<line class="axis" x1="${margin.left}" x2="${margin.left}" y1="${margin.top}" y2="${margin.top + plotH}"/>`);
  parts.push(`<text class="label" x="${margin.left + plotW / 2}" y="${height - 6}" text-anchor="middle">${escapeXml(spec.xLabel)}</text>`);
  parts.push(`<text class="label" transform="translate(14 ${margin.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(spec.yLabel)}</text>`);
  if (hasRight && spec.yRightLabel) {
    parts.push(
      `<text class="label" transform="translate(${width - 10} ${margin.top + plotH / 2}) rotate(90)" text-anchor="middle">${escapeXml(spec.yRightLabel)}</text>`,
    );
  }

  // Bars first, lines over them.
  const barSeries = spec.series.filter((s) => s.kind === 'bars');
  const slot = plotW / xMax;
  barSeries.forEach((series, index) => {
    const barWidth = Math.max(1, (slot * 0.8) / barSeries.length);
    for (const [px, py] of series.points) {
      if (py === null || py <= 0) continue;
      const axis = series.axis ?? 'left';
      // A bar for second t covers (t − 1, t].
      const left0 = x(px - 1) + slot * 0.1 + index * barWidth;
      parts.push(
        `<rect class="bar" x="${left0.toFixed(1)}" y="${y(py, axis).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(margin.top + plotH - y(py, axis)).toFixed(1)}" fill="${series.color}"><title>${escapeXml(`${series.name} at ${px} s: ${fmt(py)}`)}</title></rect>`,
      );
    }
  });
  // The scale fits the data: a threshold far above it is named in the corner, not drawn.
  for (const threshold of spec.thresholds ?? []) {
    if (threshold.value > left.top) {
      parts.push(
        `<text class="tick" x="${margin.left + plotW - 4}" y="${margin.top - 8}" text-anchor="end" fill="${threshold.color}">${escapeXml(`${threshold.label}: above this scale`)} ▲</text>`,
      );
      continue;
    }
    parts.push(
      `<line class="threshold" x1="${margin.left}" x2="${margin.left + plotW}" y1="${y(threshold.value).toFixed(1)}" y2="${y(threshold.value).toFixed(1)}" stroke="${threshold.color}"/>`,
    );
    parts.push(
      `<text class="tick" x="${margin.left + plotW - 4}" y="${(y(threshold.value) - 5).toFixed(1)}" text-anchor="end" fill="${threshold.color}">${escapeXml(threshold.label)}</text>`,
    );
  }
  for (const series of spec.series.filter((s) => s.kind === 'line')) {
    const axis = series.axis ?? 'left';
    let d = '';
    let pen = false;
    for (const [px, py] of series.points) {
      if (py === null) {
        pen = false;
        continue;
      }
      d += `${pen ? 'L' : 'M'}${x(px).toFixed(1)} ${y(py, axis).toFixed(1)}`;
      pen = true;
    }
    if (d) {
      parts.push(`<path class="line${series.dashed ? ' dashed' : ''}" d="${d}" stroke="${series.color}"><title>${escapeXml(series.name)}</title></path>`);
    }
  }

  // Legend along the top.
  let legendX = margin.left;
  for (const series of spec.series) {
    const swatch =
      series.kind === 'bars'
        ? `<rect x="${legendX}" y="10" width="12" height="12" fill="${series.color}"/>`
        : `<line x1="${legendX}" x2="${legendX + 14}" y1="16" y2="16" stroke="${series.color}" stroke-width="3"${series.dashed ? ' stroke-dasharray="4 3"' : ''}/>`;
    const label = `${series.name}${hasRight ? (series.axis === 'right' ? ' (right axis)' : '') : ''}`;
    parts.push(`${swatch}<text class="legend" x="${legendX + 18}" y="20">${escapeXml(label)}</text>`);
    legendX += 30 + label.length * 7;
  }

  return (
    `<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(spec.title)}">` +
    `<title>${escapeXml(spec.title)}</title>${parts.join('')}</svg>`
  );
}
