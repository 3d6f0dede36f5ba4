import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager, LessThan } from 'typeorm';
import type { AlertEventInfo } from '@holibot/contracts';
import { AlertEvent, AlertRuleState, transaction } from '@holibot/database';
import { Clock } from '../common/clock.js';
import { AppConfig } from '../config/app-config.js';
import { Metrics } from '../observability/metrics/metrics.service.js';
import type { ChannelName } from './alert-channels.js';
import { type AlertNoticeKind, alertMessage, checkFailingMessage, checkRecoveredMessage } from './alert-messages.js';
import { AlertNotifier } from './alert-notifier.service.js';
import { AlertReadingsSource } from './alert-readings.js';
import { type AlertEvaluation, type AlertRule, type AlertRuleName, alertRules, evaluate } from './alert-rules.js';

/** Names this process among the instances sharing the database ("web-1:4711"); a provider, so that a test can run two. */
export const ALERT_INSTANCE = Symbol('ALERT_INSTANCE');

/** Resolved alert events older than this are deleted (at most once a day). */
export const ALERT_HISTORY_DAYS = 180;

/** Checks that must fail in a row (the database down or hung) before the channels hear of it. */
export const FAILED_CHECKS_BEFORE_NOTICE = 3;

/** What one check found and which notices it sent. */
export interface AlertCheckReport {
  evaluations: AlertEvaluation[];
  notices: Array<{ rule: AlertRuleName; kind: AlertNoticeKind; eventId: number }>;
}

/** One rule as `holibot alerts status` shows it. */
export interface AlertRuleStatus {
  rule: AlertRuleName;
  title: string;
  condition: string;
  unit: AlertRule['unit'];
  /** `unknown`: no check has recorded a value for it yet. */
  state: 'firing' | 'ok' | 'unknown';
  /** Whether the rule held at the last check, as that instance saw it (null: not checked yet). */
  holds: boolean | null;
  value: number | null;
  threshold: number;
  summary: string | null;
  /** When it started to hold (firing only). */
  since: string | null;
  checkedAt: string | null;
  checkedBy: string | null;
  /** The last check is older than three check intervals: no instance is checking (ALERTS_ENABLED off, or the server down). */
  stale: boolean;
}

interface PlannedNotice {
  kind: AlertNoticeKind;
  rule: AlertRule;
  evaluation: AlertEvaluation;
  event: AlertEvent;
}

/**
 * The alert check: reads the metrics, evaluates every rule, and keeps each rule's state and
 * history in the database (AlertRuleState, AlertEvent). An alert fires once when its rule starts
 * to hold, repeats at most every ALERT_REPEAT_MINUTES while it holds, and resolves once when it
 * stops. The check runs under its job lock, so several instances on one database open an event
 * (and send its mail) once; an instance that does not see a rule hold leaves another instance's
 * firing event alone while that instance keeps seeing it (AlertRuleState.held_by, held_at).
 * Checks that keep failing (the database down) are sent as a notice of their own (checkFailed).
 */
@Injectable()
export class AlertService {
  readonly rules: readonly AlertRule[];
  private readonly logger = new Logger('Alerts');
  private failedChecks = 0;
  /** When the channels were last told that checks fail; null while they work. */
  private failingNoticeAt: Date | null = null;
  private prunedAt = Number.NEGATIVE_INFINITY;
  /** What the rules read at the last check that got that far, for the notice of failing checks. */
  private lastEvaluations: AlertEvaluation[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly readings: AlertReadingsSource,
    private readonly notifier: AlertNotifier,
    private readonly metrics: Metrics,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    @Inject(ALERT_INSTANCE) private readonly instance: string,
  ) {
    this.rules = alertRules(config);
  }

  async check(): Promise<AlertCheckReport> {
    const readings = await this.readings.read();
    const evaluations = evaluate(this.rules, readings);
    this.lastEvaluations = evaluations;
    const prune = readings.now.getTime() - this.prunedAt >= 86_400_000;
    // The chat path's writer: on SQLite every write shares its one connection (a transaction of
    // our own beside it would nest); on MySQL it is an ordinary transaction.
    const recorded = await transaction(this.dataSource, (manager) => this.record(manager, evaluations, readings.now, prune));
    if (prune) this.prunedAt = readings.now.getTime();
    this.checkWorks(readings.now);
    for (const rule of this.rules) this.metrics.alertFiring(rule.name, recorded.firing.has(rule.name));
    for (const { kind, rule, evaluation, event } of recorded.planned) {
      this.notifier.deliver(alertMessage(kind, rule, evaluation, event, this.notifier.context), {
        // A newer message about the same event replaces an older one still waiting for a retry.
        key: `alert-event:${event.id}`,
        onDelivered: (channel) => this.markNotified(event.id, channel),
      });
    }
    return { evaluations, notices: recorded.planned.map(({ kind, rule, event }) => ({ rule: rule.name, kind, eventId: event.id })) };
  }

  async status(): Promise<AlertRuleStatus[]> {
    const [states, firing] = await Promise.all([
      this.dataSource.getRepository(AlertRuleState).find(),
      this.dataSource.getRepository(AlertEvent).find({ where: { state: 'firing' } }),
    ]);
    const staleBefore = this.clock.now().getTime() - 3 * this.config.alerts.checkIntervalMs;
    return this.rules.map((rule) => {
      const state = states.find((row) => row.rule === rule.name);
      const event = firing.find((row) => row.rule === rule.name);
      return {
        rule: rule.name,
        title: rule.title,
        condition: rule.condition,
        unit: rule.unit,
        state: event ? 'firing' : state && state.value !== null ? 'ok' : 'unknown',
        holds: state ? state.holds : null,
        value: state?.value ?? null,
        // The threshold the checking instance used, which may differ from this process's configuration.
        threshold: state?.threshold ?? rule.threshold,
        summary: state?.summary ?? null,
        since: event?.startedAt.toISOString() ?? null,
        checkedAt: state?.checkedAt.toISOString() ?? null,
        checkedBy: state?.checkedBy ?? null,
        stale: state ? state.checkedAt.getTime() < staleBefore : false,
      };
    });
  }

  /** The alert events, newest first (the admin UI's history). */
  async history(limit: number): Promise<AlertEventInfo[]> {
    const events = await this.dataSource.getRepository(AlertEvent).find({ order: { startedAt: 'DESC', id: 'DESC' }, take: limit });
    return events.map((event) => ({
      id: event.id,
      rule: event.rule,
      state: event.state,
      openedAt: event.startedAt.toISOString(),
      resolvedAt: event.resolvedAt?.toISOString() ?? null,
      value: event.value,
      threshold: event.threshold,
      summary: event.summary,
    }));
  }

  /** One unit of work: the rules' states and events updated, and the notices they call for (sent after the commit). */
  private async record(
    manager: EntityManager,
    evaluations: AlertEvaluation[],
    now: Date,
    prune: boolean,
  ): Promise<{ planned: PlannedNotice[]; firing: Set<AlertRuleName> }> {
    const states = new Map((await manager.find(AlertRuleState)).map((row) => [row.rule, row]));
    const open = new Map((await manager.find(AlertEvent, { where: { state: 'firing' } })).map((event) => [event.rule, event]));
    const repeatMs = this.config.alerts.repeatMinutes * 60_000;
    // Another instance that saw the rule hold within two of its checks still sees it.
    const freshHoldAfter = now.getTime() - 2 * this.config.alerts.checkIntervalMs - 5_000;
    const planned: PlannedNotice[] = [];
    for (const evaluation of evaluations) {
      const rule = this.rules.find((candidate) => candidate.name === evaluation.rule)!;
      const previous = states.get(evaluation.rule);
      const heldElsewhere = previous?.heldBy && previous.heldBy !== this.instance && previous.heldAt && previous.heldAt.getTime() > freshHoldAfter;
      await manager.save(
        manager.create(AlertRuleState, {
          rule: evaluation.rule,
          value: evaluation.value,
          threshold: evaluation.threshold,
          holds: evaluation.holds === true,
          summary: evaluation.summary.slice(0, 500),
          checkedAt: now,
          checkedBy: this.instance,
          heldAt: evaluation.holds ? now : (previous?.heldAt ?? null),
          heldBy: evaluation.holds ? this.instance : (previous?.heldBy ?? null),
        }),
      );
      // Cannot tell now (a job not run since this process started): whatever is open stays open.
      if (evaluation.holds === null) continue;
      const event = open.get(evaluation.rule);
      if (evaluation.holds && !event) {
        const opened = await manager.save(
          manager.create(AlertEvent, {
            rule: evaluation.rule,
            state: 'firing',
            value: evaluation.value ?? 0,
            threshold: evaluation.threshold,
            summary: evaluation.summary.slice(0, 500),
            startedAt: now,
            resolvedAt: null,
            lastNotifiedAt: now,
            notifiedChannels: '',
            host: this.notifier.context.host.slice(0, 255),
          }),
        );
        planned.push({ kind: 'firing', rule, evaluation, event: opened });
        open.set(evaluation.rule, opened);
      } else if (evaluation.holds && event && now.getTime() - (event.lastNotifiedAt ?? event.startedAt).getTime() >= repeatMs) {
        event.lastNotifiedAt = now;
        planned.push({ kind: 'repeat', rule, evaluation, event: await manager.save(event) });
      } else if (!evaluation.holds && event && !heldElsewhere) {
        event.state = 'resolved';
        event.resolvedAt = now;
        planned.push({ kind: 'resolved', rule, evaluation, event: await manager.save(event) });
        open.delete(evaluation.rule);
      }
    }
    if (prune) await manager.delete(AlertEvent, { state: 'resolved', resolvedAt: LessThan(new Date(now.getTime() - ALERT_HISTORY_DAYS * 86_400_000)) });
    // What is firing after this check: the events still open.
    return { planned, firing: new Set(open.keys() as Iterable<AlertRuleName>) };
  }

  /**
   * A check that failed (the database down or hung: its lock, its readings or its state) sends
   * nothing, so several in a row are a notice of their own, with what the rules last read;
   * repeated every ALERT_REPEAT_MINUTES while it lasts. The job calls this (alerts.jobs.ts).
   */
  checkFailed(error: unknown): void {
    const now = this.clock.now();
    this.failedChecks += 1;
    if (this.failedChecks < FAILED_CHECKS_BEFORE_NOTICE) return;
    if (this.failingNoticeAt && now.getTime() - this.failingNoticeAt.getTime() < this.config.alerts.repeatMinutes * 60_000) return;
    this.failingNoticeAt = now;
    const holding = this.lastEvaluations
      .filter((evaluation) => evaluation.holds)
      .map((evaluation) => this.rules.find((rule) => rule.name === evaluation.rule)!.title);
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.error(`${this.failedChecks} alert checks failed in a row (${reason}): telling the channels`);
    this.notifier.deliver(checkFailingMessage(this.notifier.context, this.failedChecks, reason, holding), { key: 'alert-check' });
  }

  private checkWorks(now: Date): void {
    if (this.failingNoticeAt) this.notifier.deliver(checkRecoveredMessage(this.notifier.context, this.failingNoticeAt, now), { key: 'alert-check' });
    this.failedChecks = 0;
    this.failingNoticeAt = null;
  }

  /** Adds a channel to the event's list of channels that delivered a notice of it. */
  private async markNotified(eventId: number, channel: ChannelName): Promise<void> {
    await transaction(this.dataSource, async (manager) => {
      const event = await manager.findOneBy(AlertEvent, { id: eventId });
      if (!event) return;
      const channels = new Set(event.notifiedChannels.split(',').filter(Boolean));
      if (channels.has(channel)) return;
      channels.add(channel);
      await manager.update(AlertEvent, { id: eventId }, { notifiedChannels: [...channels].sort().join(',') });
    });
  }
}
