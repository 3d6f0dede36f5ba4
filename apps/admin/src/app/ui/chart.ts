import { afterRenderEffect, ChangeDetectionStrategy, Component, DestroyRef, type ElementRef, inject, input, viewChild } from '@angular/core';
import type uPlot from 'uplot';
import { S } from '../strings';

export interface ChartSeries {
  label: string;
  values: Array<number | null>;
  color: string;
  /** How the data table shows a value. */
  format?: (value: number | null) => string;
}

export interface ChartData {
  /** Unix seconds, one per point. */
  x: number[];
  /** The same points as the data table's row headers. */
  xLabels: string[];
  series: ChartSeries[];
}

const HEIGHT = 220;
const DAY = 86_400;

/**
 * A uPlot chart, with the same data as a visually hidden table for screen readers (the canvas
 * is hidden from them). uPlot is loaded on first use, so pages without charts do not carry it.
 */
@Component({
  selector: 'admin-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <figure class="chart">
      <figcaption>{{ caption() }}</figcaption>
      <div #plot class="chart-plot" aria-hidden="true"></div>
      <table class="visually-hidden">
        <caption>
          {{
            S.showDataTable
          }}:
          {{
            caption()
          }}
        </caption>
        <thead>
          <tr>
            <th scope="col">{{ xLabel() }}</th>
            @for (series of data().series; track series.label) {
              <th scope="col">{{ series.label }}</th>
            }
          </tr>
        </thead>
        <tbody>
          @for (label of data().xLabels; track $index; let i = $index) {
            <tr>
              <th scope="row">{{ label }}</th>
              @for (series of data().series; track series.label) {
                <td>{{ series.format ? series.format(series.values[i] ?? null) : (series.values[i] ?? S.none) }}</td>
              }
            </tr>
          }
        </tbody>
      </table>
    </figure>
  `,
})
export class Chart {
  protected readonly S = S;
  readonly caption = input.required<string>();
  readonly xLabel = input.required<string>();
  readonly data = input.required<ChartData>();
  readonly kind = input<'line' | 'bars'>('line');
  /** Daily data counted per UTC day: show the axis in UTC so that a day is not shifted. */
  readonly utc = input(false);
  private readonly plotElement = viewChild.required<ElementRef<HTMLElement>>('plot');
  private plot: uPlot | null = null;
  private observer: ResizeObserver | null = null;
  private generation = 0;

  constructor() {
    afterRenderEffect(() => {
      const data = this.data();
      void this.draw(this.plotElement().nativeElement, data, this.kind(), this.utc());
    });
    inject(DestroyRef).onDestroy(() => {
      this.generation++;
      this.observer?.disconnect();
      this.plot?.destroy();
    });
  }

  private async draw(element: HTMLElement, data: ChartData, kind: 'line' | 'bars', utc: boolean): Promise<void> {
    const mine = ++this.generation;
    // Charts need canvas and matchMedia; without them (jsdom in unit tests) the table remains.
    if (typeof matchMedia !== 'function' || typeof ResizeObserver !== 'function') return;
    const { default: UPlot } = await import('uplot');
    if (mine !== this.generation) return;
    this.plot?.destroy();
    this.observer?.disconnect();
    const grouped = kind === 'bars' && data.series.length > 1;
    const axis: uPlot.Axis = { stroke: '#374151', grid: { stroke: '#e5e7eb', width: 1 }, ticks: { stroke: '#d1d5db', width: 1 } };
    // Daily data: ticks on whole days, never on hours.
    const xAxis: uPlot.Axis = utc ? { ...axis, incrs: [DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY] } : axis;
    const options: uPlot.Options = {
      width: Math.max(element.clientWidth, 280),
      height: HEIGHT,
      scales: {
        // Bars need half a step of room on each side, or the first and last are cut.
        x: { time: true, ...(kind === 'bars' ? { range: (_u: uPlot, min: number, max: number) => padded(min, max, data.x) } : {}) },
        // Every series here counts something: the axis starts at 0.
        y: { range: (_u: uPlot, _min: number, max: number) => [0, max > 0 ? max * 1.1 : 1] },
      },
      ...(utc ? { tzDate: (ts: number) => UPlot.tzDate(new Date(ts * 1000), 'Etc/UTC') } : {}),
      series: [
        {},
        ...data.series.map((series, index) => ({
          label: series.label,
          stroke: series.color,
          width: kind === 'bars' ? 1 : 2,
          fill: kind === 'bars' ? series.color : undefined,
          // Two bar series side by side (left and right of the day), not on top of each other.
          paths: kind === 'bars' ? UPlot.paths.bars!({ size: grouped ? [0.35, 32] : [0.6, 48], align: grouped ? (index === 0 ? -1 : 1) : 0 }) : undefined,
          points: { show: kind === 'line' && data.x.length < 40 },
          value: series.format ? (_u: uPlot, value: number | null) => series.format!(value) : undefined,
        })),
      ],
      axes: [xAxis, { ...axis, size: 60 }],
      cursor: { drag: { x: false, y: false } },
    };
    this.plot = new UPlot(options, [data.x, ...data.series.map((series) => series.values)] as uPlot.AlignedData, element);
    this.observer = new ResizeObserver(() => this.plot?.setSize({ width: Math.max(element.clientWidth, 280), height: HEIGHT }));
    this.observer.observe(element);
  }
}

/** The x range with half a step before the first point and after the last (one day for a single point). */
function padded(min: number, max: number, x: readonly number[]): [number, number] {
  const step = x.length > 1 ? (x[x.length - 1]! - x[0]!) / (x.length - 1) : DAY;
  return [min - step / 2, max + step / 2];
}
