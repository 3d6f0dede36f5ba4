import { afterNextRender, ChangeDetectionStrategy, Component, DOCUMENT, inject, Injector, input, type OnInit } from '@angular/core';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type { ConversationData } from '@holibot/contracts';
import { AdminApi } from '../../api-client';
import { Announcer } from '../../announcer';
import { formatDateTime } from '../../format';
import { Session } from '../../session';
import { S } from '../../strings';
import { ConfirmAction } from '../../ui/confirm-action';
import { LoadStatus } from '../../ui/load-status';
import { Action, Loadable } from '../../ui/loadable';

/** One conversation as a transcript; each message has id="message-<id>" for links from the feedback page. */
@Component({
  selector: 'admin-conversation-page',
  imports: [ConfirmAction, LoadStatus, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p>
      <a routerLink="/conversations">← {{ S.conversations.back }}</a>
    </p>
    <h1>
      {{ S.conversations.detailTitle }} <span class="hash">{{ id() }}</span>
    </h1>
    <admin-load-status [state]="state" />
    @if (state.value(); as conversation) {
      <dl class="details panel">
        <dt>{{ S.conversations.started }}</dt>
        <dd>{{ formatDateTime(conversation.createdAt) }}</dd>
        <dt>{{ S.conversations.updated }}</dt>
        <dd>{{ formatDateTime(conversation.updatedAt) }}</dd>
        <dt>{{ S.conversations.expires }}</dt>
        <dd>{{ formatDateTime(conversation.expiresAt) }}</dd>
        <dt>{{ S.conversations.language }}</dt>
        <dd>{{ conversation.language ?? S.none }}</dd>
        <dt>{{ S.conversations.signedIn }}</dt>
        <dd>{{ conversation.signedIn ? S.yes : S.no }}</dd>
      </dl>

      @if (session.isAdmin()) {
        <div class="actions">
          <admin-confirm
            [label]="S.conversations.delete"
            [question]="S.conversations.deleteQuestion"
            [confirmLabel]="S.conversations.deleteConfirm"
            [danger]="true"
            [disabled]="action.busy()"
            (confirmed)="remove()"
          />
        </div>
        @if (action.error(); as error) {
          <p class="message error" role="alert">{{ error }}</p>
        }
      }

      <h2>{{ S.conversations.transcript }}</h2>
      <ol class="transcript">
        @for (message of conversation.messages; track message.id) {
          <li [id]="'message-' + message.id" [class.assistant]="message.role === 'assistant'">
            <div class="meta">
              <strong>{{ message.role === 'user' ? S.conversations.visitor : S.conversations.assistant }}</strong>
              <span>{{ formatDateTime(message.createdAt) }}</span>
              @if (message.language) {
                <span>{{ message.language }}</span>
              }
              @if (message.feedback; as feedback) {
                <span class="badge" [class.ok]="feedback.rating === 'up'" [class.bad]="feedback.rating === 'down'">
                  {{ feedback.rating === 'up' ? S.conversations.feedbackUp : S.conversations.feedbackDown }}
                </span>
              }
            </div>
            <div class="content">{{ message.content }}</div>
            @if (message.poiIds?.length) {
              <div class="muted">{{ S.conversations.places(message.poiIds!) }}</div>
            }
            @if (message.feedback; as feedback) {
              @if (feedback.reason || feedback.comment) {
                <dl class="details">
                  @if (feedback.reason) {
                    <dt>{{ S.conversations.reason }}</dt>
                    <dd>{{ feedback.reason }}</dd>
                  }
                  @if (feedback.comment) {
                    <dt>{{ S.conversations.comment }}</dt>
                    <dd>{{ feedback.comment }}</dd>
                  }
                </dl>
              }
            }
          </li>
        } @empty {
          <li class="muted">{{ S.conversations.noMessages }}</li>
        }
      </ol>
    }
  `,
})
export class ConversationPage implements OnInit {
  private readonly api = inject(AdminApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly announcer = inject(Announcer);
  private readonly injector = inject(Injector);
  private readonly document = inject(DOCUMENT);
  protected readonly session = inject(Session);
  protected readonly S = S;
  protected readonly formatDateTime = formatDateTime;
  readonly id = input.required<string>();
  protected readonly state = new Loadable<ConversationData>(() => this.api.conversation(this.id()));
  protected readonly action = new Action();

  ngOnInit(): void {
    void this.state.load().then(() => this.revealTarget());
  }

  protected async remove(): Promise<void> {
    const done = await this.action.run(() => this.api.deleteConversation(this.id()));
    if (!done) return;
    this.announcer.announce(S.conversations.deleted);
    void this.router.navigateByUrl('/conversations');
  }

  /** A link to #message-<id> (from the feedback page) arrives before the messages: scroll once they are there. */
  private revealTarget(): void {
    const hash = this.route.snapshot.fragment;
    if (!hash?.startsWith('message-')) return;
    afterNextRender(
      () => {
        const target = this.document.getElementById(hash);
        if (!target) return;
        target.setAttribute('tabindex', '-1');
        target.scrollIntoView({ block: 'center' });
        target.focus({ preventScroll: true });
      },
      { injector: this.injector },
    );
  }
}
