import type { AlertEvaluation, AlertRule } from './alert-rules.js';

/** One message for the channels: a subject line, a plain-text body and the same as simple HTML. */
export interface AlertMessage {
  subject: string;
  text: string;
  html: string;
}

/** Where a message comes from and where the operator can look. */
export interface MessageContext {
  destination: string;
  host: string;
  timeZone: string;
  /** PUBLIC_URL, or null: no links. */
  publicUrl: string | null;
  repeatMinutes: number;
}

export type AlertNoticeKind = 'firing' | 'repeat' | 'resolved';

const KIND_WORD: Record<AlertNoticeKind, string> = { firing: 'FIRING', repeat: 'STILL FIRING', resolved: 'RESOLVED' };

/** A value in its rule's unit: "2,430 ms", "93.2 %", "1,204 connections", "7.5 min". */
export function formatValue(value: number | null, unit: AlertRule['unit']): string {
  if (value === null) return 'unknown';
  if (unit === 'failed runs') return value > 0 ? 'failed' : 'ok';
  const digits = unit === 'ms' || unit === 'connections' ? 0 : 1;
  const shown = value.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  return unit === 'connections' ? `${shown} connections` : `${shown} ${unit}`;
}

/** An instant in the destination's time zone: "6 Dec 2026, 15:02:11 CET". */
export function formatInstant(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'medium', timeStyle: 'long' }).format(at);
}

function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 120) return `${minutes} min`;
  return `${(minutes / 60).toLocaleString('en', { maximumFractionDigits: 1 })} h`;
}

/** The message for one alert event: it starts to hold, it still holds (a repeat), or it stopped. */
export function alertMessage(
  kind: AlertNoticeKind,
  rule: AlertRule,
  evaluation: AlertEvaluation,
  event: { startedAt: Date; resolvedAt: Date | null },
  context: MessageContext,
): AlertMessage {
  const threshold = rule.unit === 'failed runs' ? 'any failed run' : formatValue(evaluation.threshold, rule.unit);
  const value = formatValue(evaluation.value, rule.unit);
  const subject =
    kind === 'resolved'
      ? `[HoliBot ${context.destination}] RESOLVED: ${rule.title} on ${context.host}`
      : `[HoliBot ${context.destination}] ${KIND_WORD[kind]}: ${rule.title} on ${context.host} (${value}, threshold ${threshold})`;
  const lead =
    kind === 'resolved'
      ? `The alert "${rule.title}" is resolved: it held for ${formatDuration((event.resolvedAt ?? event.startedAt).getTime() - event.startedAt.getTime())}.`
      : kind === 'repeat'
        ? `The alert "${rule.title}" still holds.`
        : `The alert "${rule.title}" is firing.`;
  const rows: Array<[string, string]> = [
    ['Rule', rule.condition],
    [kind === 'resolved' ? 'Now' : 'Measured', `${value}: ${evaluation.summary}`],
    ['Threshold', threshold],
    ['Since', formatInstant(event.startedAt, context.timeZone)],
    ...(event.resolvedAt ? ([['Resolved', formatInstant(event.resolvedAt, context.timeZone)]] as Array<[string, string]>) : []),
    ['Host', context.host],
    ...links(context),
  ];
  const footer =
    kind === 'resolved'
      ? 'No more mails follow for this alert unless it holds again.'
      : `This alert is repeated every ${context.repeatMinutes} min while it holds (ALERT_REPEAT_MINUTES); one more mail follows when it is resolved.`;
  return compose(subject, `HoliBot (${context.destination}): ${lead}`, rows, footer);
}

/** `holibot alerts test`: proves the channel reaches its people. */
export function testMessage(context: MessageContext, now: Date): AlertMessage {
  return compose(
    `[HoliBot ${context.destination}] Test alert from ${context.host}`,
    `HoliBot (${context.destination}): this is a test message from \`holibot alerts test\`. If you read it, alerts reach you through this channel.`,
    [['Sent', formatInstant(now, context.timeZone)], ['Host', context.host], ...links(context)],
    'Nothing needs to be done.',
  );
}

/** Alert checks keep failing (their state cannot be stored): no alert goes out until they work again. */
export function checkFailingMessage(context: MessageContext, failedChecks: number, reason: string, holding: string[]): AlertMessage {
  return compose(
    `[HoliBot ${context.destination}] FIRING: alert checks failing on ${context.host}`,
    `HoliBot (${context.destination}): the last ${failedChecks} alert checks could not store their results, so no other alert can be sent until they work again.`,
    [
      ['Reason', reason],
      ['Holding now', holding.length ? holding.join(', ') : 'no rule, as far as this instance can read them'],
      ['Host', context.host],
      ...links(context),
    ],
    `Look at the database first (holibot alerts status, /health/ready). Repeated every ${context.repeatMinutes} min while it lasts; one more message follows when checks work again.`,
  );
}

export function checkRecoveredMessage(context: MessageContext, since: Date, now: Date): AlertMessage {
  return compose(
    `[HoliBot ${context.destination}] RESOLVED: alert checks failing on ${context.host}`,
    `HoliBot (${context.destination}): alert checks work again; alerts are sent as usual.`,
    [
      ['Failing since', formatInstant(since, context.timeZone)],
      ['Working again', formatInstant(now, context.timeZone)],
      ['Host', context.host],
    ],
    'Alerts that started to hold meanwhile follow in their own messages.',
  );
}

/** A report by mail (the weekly session statistics): its text as it is, in a fixed-width block. */
export function reportMessage(title: string, report: string, context: MessageContext): AlertMessage {
  const subject = `[HoliBot ${context.destination}] ${title}`;
  const text = `${report}\n\nFrom HoliBot (${context.destination}) on ${context.host}.\n`;
  const html = `<pre style="font-family:ui-monospace,monospace">${escapeHtml(report)}</pre><p>From HoliBot (${escapeHtml(context.destination)}) on ${escapeHtml(context.host)}.</p>`;
  return { subject, text, html };
}

/** Where to look: the instance's readiness (the admin UI's alerts page joins it when the admin UI exists). */
/** The admin UI's alerts page (state, history, test message; behind its sign-in) and the health check. */
function links(context: MessageContext): Array<[string, string]> {
  return context.publicUrl
    ? [
        ['Admin', `${context.publicUrl}/admin/alerts`],
        ['Health', `${context.publicUrl}/health/ready`],
      ]
    : [];
}

function compose(subject: string, lead: string, rows: Array<[string, string]>, footer: string): AlertMessage {
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  const text = [lead, '', ...rows.map(([label, value]) => `${`${label}:`.padEnd(width)}${value}`), '', footer, ''].join('\n');
  const cell = (value: string) => (/^https?:\/\//.test(value) ? `<a href="${escapeHtml(value)}">${escapeHtml(value)}</a>` : escapeHtml(value));
  const html = [
    `<p>${escapeHtml(lead)}</p>`,
    '<table cellpadding="4" style="border-collapse:collapse">',
    ...rows.map(([label, value]) => `<tr><th align="left" valign="top">${escapeHtml(label)}</th><td>${cell(value)}</td></tr>`),
    '</table>',
    `<p style="color:#555">${escapeHtml(footer)}</p>`,
  ].join('\n');
  return { subject, text, html };
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);
}
