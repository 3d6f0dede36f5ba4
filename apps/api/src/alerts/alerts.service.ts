import { hostname } from 'node:os';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AlertEvent, AlertRuleState, transaction } from '@holibot/database';
import { Clock } from '../common/clock.js';
import { AppConfig } from '../config/app-config.js';
import { Metrics } from '../observability/metrics/metrics.service.js';
import type { ChannelName } from './alert-channels.js';
import { type AlertNoticeKind, alertMessage } from './alert-messages.js';
import { AlertNotifier } from './alert-notifier.service.js';
import { AlertReadingsSource } from './alert-readings.js';
import { type AlertEvaluation, type AlertRule, type AlertRuleName, alertRules, evaluate } from './alert-rules.js';

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
  /** `unknown`: no check has recorded it yet. */
  state: 'firing' | 'ok' | 'unknown';
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
 */
@Injectable()
export class AlertService {
  readonly rules: readonly AlertRule[];
  private readonly host = hostname().slice(0, 255);

  constructor(
    private readonly dataSource: DataSource,
    private readonly readings: AlertReadingsSource,
    private readonly notifier: AlertNotifier,
    private readonly metrics: Metrics,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    this.rules = alertRules(config);
  }

  async check(): Promise<AlertCheckReport> {
    const readings = await this.readings.read();
    const evaluations = evaluate(this.rules, readings);
    const { planned, firing } = await transaction(this.dataSource, (manager) => this.record(manager, evaluations, readings.now));
    for (const rule of this.rules) this.metrics.alertFiring(rule.name, firing.has(rule.name));
    for (const { kind, rule, evaluation, event } of planned) {
      this.notifier.deliver(alertMessage(kind, rule, evaluation, event, this.notifier.context), {
        onDelivered: (channel) => this.markNotified(event.id, channel),
      });
    }
    return { evaluations, notices: planned.map(({ kind, rule, event }) => ({ rule: rule.name, kind, eventId: event.id })) };
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
        state: event ? 'firing' : state ? 'ok' : 'unknown',
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

  /** One unit of work: the rules' states and events updated, and the notices they call for (sent after the commit). */
  private async record(manager: EntityManager, evaluations: AlertEvaluation[], now: Date): Promise<{ planned: PlannedNotice[]; firing: Set<AlertRuleName> }> {
    const states = new Map((await manager.find(AlertRuleState)).map((row) => [row.rule, row]));
    const open = new Map((await manager.find(AlertEvent, { where: { state: 'firing' } })).map((event) => [event.rule, event]));
    const repeatMs = this.config.alerts.repeatMinutes * 60_000;
    // Another instance that saw the rule hold within two of its checks still sees it.
    const freshHoldAfter = now.getTime() - 2 * this.config.alerts.checkIntervalMs - 5_000;
    const planned: PlannedNotice[] = [];
    for (const evaluation of evaluations) {
      const rule = this.rules.find((candidate) => candidate.name === evaluation.rule)!;
      const previous = states.get(evaluation.rule);
      const heldElsewhere = previous?.heldBy && previous.heldBy !== this.host && previous.heldAt && previous.heldAt.getTime() > freshHoldAfter;
      await manager.save(
        manager.create(AlertRuleState, {
          rule: evaluation.rule,
          value: evaluation.value,
          threshold: evaluation.threshold,
          holds: evaluation.holds,
          summary: evaluation.summary.slice(0, 500),
          checkedAt: now,
          checkedBy: this.host,
          heldAt: evaluation.holds ? now : (previous?.heldAt ?? null),
          heldBy: evaluation.holds ? this.host : (previous?.heldBy ?? null),
        }),
      );
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
            host: this.host,
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
    // What is firing after this check: the events still open.
    return { planned, firing: new Set([...open.keys()] as AlertRuleName[]) };
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
