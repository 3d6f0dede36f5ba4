// Numbers, sizes and dates as the pages show them (the locale is in strings.ts).
import { LOCALE, S } from './strings';

const numberFormat = new Intl.NumberFormat(LOCALE);
const dateTimeFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short' });
const dateFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeZone: 'UTC' });
const hourFormat = new Intl.DateTimeFormat(LOCALE, { weekday: 'short', hour: '2-digit', minute: '2-digit' });

export const formatNumber = (value: number | null | undefined): string => (value === null || value === undefined ? S.none : numberFormat.format(value));

export function formatPercent(share: number | null | undefined, digits = 1): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return S.none;
  return `${(share * 100).toFixed(digits)} %`;
}

/** Bytes in kB (1000 bytes, as the build budgets count). */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return S.none;
  if (Math.abs(bytes) < 1000) return `${numberFormat.format(bytes)} B`;
  if (Math.abs(bytes) < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(2)} MB`;
}

export const formatDateTime = (iso: string | null | undefined): string => (iso ? dateTimeFormat.format(new Date(iso)) : S.none);
/** A UTC day such as '2026-03-14' (the reports count per UTC day). */
export const formatDay = (day: string): string => dateFormat.format(new Date(`${day.slice(0, 10)}T00:00:00Z`));
export const formatHour = (iso: string): string => hourFormat.format(new Date(iso));

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return S.none;
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return S.none;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

export function formatUsd(value: number, digits = 4): string {
  return `$${value.toFixed(digits)}`;
}

export interface SizeDifference {
  bytes: number;
  /** Against the active version's size; null when that is 0. */
  percent: number | null;
  /** '+1,234 B (+2.5 %)', '−200 B (−0.4 %)', '±0 B (0.0 %)'. */
  text: string;
}

/** How much a version's size differs from the active version's (null: nothing to compare with). */
export function sizeDifference(size: number, activeSize: number | null | undefined): SizeDifference | null {
  if (activeSize === null || activeSize === undefined) return null;
  const bytes = size - activeSize;
  const percent = activeSize > 0 ? (bytes / activeSize) * 100 : null;
  const sign = bytes > 0 ? '+' : bytes < 0 ? '−' : '±';
  const percentSign = percent === null ? '' : percent > 0 ? '+' : percent < 0 ? '−' : '';
  const bytesText = `${sign}${numberFormat.format(Math.abs(bytes))} B`;
  const text = percent === null ? bytesText : `${bytesText} (${percentSign}${Math.abs(percent).toFixed(1)} %)`;
  return { bytes, percent, text };
}
