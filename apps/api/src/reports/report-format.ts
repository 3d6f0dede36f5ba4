import { textTable } from '../common/text-table.js';
import type { GapsReport, UsageReport } from './reports.service.js';

/** Whole per cent, never rounded up to 100 % while something failed. */
const percent = (rate: number) => `${rate < 1 ? Math.min(99, Math.round(rate * 100)) : 100} %`;
const count = (n: number) => n.toLocaleString('en-US');
const languages = (byLanguage: Record<string, number>) =>
  Object.entries(byLanguage)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([language, n]) => `${language} ${n}`)
    .join(', ');

/** `holibot report gaps` as text: three lists of at most `limit` lines. */
export function formatGaps(report: GapsReport, limit: number): string {
  const lines = [
    `Catalogue gaps, last ${report.days} day${report.days === 1 ? '' : 's'} (since ${report.since.slice(0, 10)} UTC): ${count(report.questions)} questions`,
  ];
  if (report.questions === 0) return [...lines, 'No questions in this period.'].join('\n');
  const more = (total: number) => (total > limit ? [`… and ${total - limit} more (--limit, or --json for all)`] : []);

  lines.push('', 'Questions with no results');
  if (report.noResults.length === 0) lines.push('(none: every question found something)');
  else
    lines.push(
      textTable(
        ['asked', 'question', 'languages'],
        report.noResults.slice(0, limit).map((q) => [count(q.count), q.query, languages(q.languages)]),
        new Set([0]),
      ),
      ...more(report.noResults.length),
    );

  lines.push('', 'Most asked topics');
  if (report.topics.length === 0) lines.push('(no question named a topic)');
  else
    lines.push(
      textTable(
        ['topic', 'asked', 'found something'],
        report.topics.slice(0, limit).map((t) => [t.topic, count(t.asked), percent(t.resultRate)]),
        new Set([1, 2]),
      ),
      ...more(report.topics.length),
    );

  lines.push('', 'Attributes asked for');
  if (report.attributes.length === 0) lines.push('(no question asked for an attribute)');
  else
    lines.push(
      textTable(
        ['attribute', 'asked', 'places with it', ''],
        report.attributes
          .slice(0, limit)
          .map((a) => [a.attribute, count(a.asked), a.places === null ? '—' : count(a.places), a.rare ? '← few places: worth adding to the catalogue' : '']),
        new Set([1, 2]),
      ),
      ...more(report.attributes.length),
    );
  return lines.join('\n');
}

/** `holibot report usage` as text: a line per day and model, then the total. */
export function formatUsage(report: UsageReport): string {
  const { inputPerM, outputPerM } = report.prices;
  const lines = [
    `LLM usage, last ${report.days} day${report.days === 1 ? '' : 's'} (since ${report.since.slice(0, 10)} UTC)`,
    `Estimated cost at $${inputPerM} per million input and $${outputPerM} per million output tokens (MISTRAL_PRICE_INPUT_PER_M, MISTRAL_PRICE_OUTPUT_PER_M): an estimate, not an invoice.`,
    '',
  ];
  if (report.rows.length === 0) return [...lines, 'No LLM calls in this period (answers came from the built-in engine).'].join('\n');
  const outcomes = (o: Record<string, number>) =>
    Object.entries(o)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([outcome, n]) => `${outcome} ${n}`)
      .join(', ');
  const row = (label: string[], r: UsageReport['total']) => [
    ...label,
    count(r.turns),
    count(r.calls),
    count(r.fallbacks),
    count(r.promptTokens),
    count(r.completionTokens),
    `$${r.estimatedCost.toFixed(4)}`,
    outcomes(r.outcomes),
  ];
  const others = [...new Set(report.rows.map((r) => r.model).filter((model) => model !== report.prices.model))];
  if (others.length > 0) {
    lines.splice(
      2,
      0,
      `The prices are for ${report.prices.model} (MISTRAL_MODEL); ${others.join(', ')} ${others.length === 1 ? 'is' : 'are'} estimated at them too.`,
    );
  }
  lines.push(
    textTable(
      ['day', 'model', 'turns', 'calls', 'fallbacks', 'prompt tokens', 'completion tokens', 'est. cost', 'outcomes'],
      [...report.rows.map((r) => row([r.day, r.model], r)), row(['total', ''], report.total)],
      new Set([2, 3, 4, 5, 6, 7]),
    ),
  );
  return lines.join('\n');
}
