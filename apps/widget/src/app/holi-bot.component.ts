import {
  type AfterViewChecked,
  ChangeDetectionStrategy,
  ChangeDetectorRef,
  Component,
  DestroyRef,
  ElementRef,
  Input,
  InjectionToken,
  ViewEncapsulation,
  booleanAttribute,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import type { ChatAnswer, FeedbackReason, Language } from '@holibot/contracts';
import { FEEDBACK_REASONS, MAX_FEEDBACK_COMMENT_LENGTH, MAX_QUERY_LENGTH } from '@holibot/contracts';
import { ChatApi, type ApiFailure, type FetchLike } from './chat-api';
import { ChatSocket } from './chat-socket';
import { Conversation, type ChatEntry } from './conversation';
import { claimCorner } from './corner';
import { format, loadStrings, resolveLanguage, uiStrings } from './i18n';
import { httpUrl } from './links';
import { SessionStore } from './session-store';
import { ThreadView, newMessagesLabel, quickReplies } from './thread';

/** How the widget reaches the network and storage; tests hand in their own. */
export const FETCH = new InjectionToken<FetchLike>('HoliBot fetch', {
  providedIn: 'root',
  factory: () => (url, init) => fetch(url, init),
});
export const SESSION_STORAGE = new InjectionToken<Storage | null>('HoliBot session storage', {
  providedIn: 'root',
  factory: () => {
    try {
      return window.localStorage;
    } catch {
      return null;
    }
  },
});
/** The browser's WebSocket, or null to use REST only. */
export const WEB_SOCKET = new InjectionToken<typeof WebSocket | null>('HoliBot WebSocket', {
  providedIn: 'root',
  factory: () => (typeof WebSocket === 'function' ? WebSocket : null),
});
/** Where the API is when the page gives no `api-url`: the origin the widget was loaded from. */
export const DEFAULT_API_URL = new InjectionToken<string>('HoliBot default API URL', {
  providedIn: 'root',
  factory: () => `${location.origin}/api/v1`,
});
/** Whether to check that the stylesheet applied (a CSP without the nonce blocks it); jsdom applies none. */
export const CHECK_STYLES = new InjectionToken<boolean>('HoliBot style check', {
  providedIn: 'root',
  factory: () => true,
});

/** Below this width the panel takes the whole screen. */
const COMPACT_QUERY = '(max-width: 479.98px)';
const DARK_QUERY = '(prefers-color-scheme: dark)';
const CORNERS_CHANGED = 'holibot:corners';
/** Within this many pixels of the end, the log counts as "at the bottom". */
const BOTTOM_SLACK = 24;
const TABBABLE = 'button:not([disabled]), input:not([disabled]), textarea, a[href], [tabindex="0"]';

// Icons: one path each.
const ICON_CHAT = 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z';
const ICON_NEW = 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H8l-4 4V5a2 2 0 0 1 2-2zm7 4v3H8v2h3v3h2v-3h3v-2h-3V7z';
const ICON_CLOSE = 'M18.3 5.7 12 12l6.3 6.3-1.4 1.4-6.3-6.3-6.3 6.3-1.4-1.4L9.2 12 2.9 5.7l1.4-1.4 6.3 6.3 6.3-6.3z';
const ICON_SEND = 'M3 20.5 21 12 3 3.5 3 10l12 2-12 2z';
// Thumbs up; thumbs down is the same, turned over by the stylesheet.
const ICON_UP = 'M1 21h4V9H1zm22-11a2 2 0 0 0-2-2h-6.3l1-4.6L14.2 2 7 9.2V21h11l3-7z';
const ICON_FLAG = 'M14.4 6 14 4H5v17h2v-7h5.6l.4 2h7V6z';

@Component({
  selector: 'holibot-widget',
  encapsulation: ViewEncapsulation.ShadowDom,
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './holi-bot.component.css',
  template: `
    <!-- title="" keeps the host element's title attribute from showing as a tooltip everywhere;
         dir="ltr" keeps a right-to-left host page from reordering the widget's text. -->
    <div title="" dir="ltr" [attr.class]="rootClass()" [attr.lang]="language()" [hidden]="!ownsCorner()">
      <button
        #launcher
        type="button"
        class="launcher"
        popover="manual"
        [hidden]="isOpen()"
        aria-haspopup="dialog"
        [attr.aria-expanded]="isOpen()"
        [attr.aria-label]="launcherLabel()"
        (click)="openPanel()"
      >
        <svg aria-hidden="true" viewBox="0 0 24 24"><path fill="currentColor" [attr.d]="icons.chat" /></svg>
        @if (unread()) {
          <span class="unread" aria-hidden="true">{{ unread() }}</span>
        }
      </button>
      @if (isOpen()) {
        <section class="panel" popover="manual" role="dialog" [attr.aria-modal]="compact()" aria-labelledby="holibot-heading" (keydown)="onPanelKey($event)">
          <header class="bar">
            @if (avatarUrl(); as src) {
              <img class="avatar" [src]="src" alt="" width="32" height="32" />
            }
            <div class="titles">
              <h2 class="heading" id="holibot-heading" tabindex="-1">{{ heading() }}</h2>
              @if (connectionStatus(); as status) {
                <p class="subtitle status" role="status">{{ status }}</p>
              } @else if (subtitle()) {
                <p class="subtitle">{{ subtitle() }}</p>
              }
            </div>
            <button
              type="button"
              class="icon new"
              [attr.aria-label]="t().newConversation"
              [title]="t().newConversation"
              [attr.aria-expanded]="confirming()"
              [disabled]="pending()"
              (click)="confirming.set(!confirming())"
            >
              <svg aria-hidden="true" viewBox="0 0 24 24"><path fill="currentColor" [attr.d]="icons.new" /></svg>
            </button>
            <button type="button" class="icon" [attr.aria-label]="t().close" [title]="t().close" (click)="closePanel()">
              <svg aria-hidden="true" viewBox="0 0 24 24"><path fill="currentColor" [attr.d]="icons.close" /></svg>
            </button>
          </header>
          @if (confirming()) {
            <div class="confirm" role="alertdialog" aria-labelledby="holibot-confirm">
              <p id="holibot-confirm">{{ t().confirmNew }}</p>
              <button type="button" class="pill solid" (click)="newConversation()">{{ t().startNew }}</button>
              <button type="button" class="pill" (click)="cancelNew()">{{ t().cancel }}</button>
            </div>
          }
          <!-- The visible log is not a live region: the bot's text alone is announced, once, below. -->
          <div
            #log
            class="log"
            role="log"
            aria-live="off"
            tabindex="0"
            [attr.aria-busy]="pending()"
            [attr.aria-label]="t().conversation"
            (scroll)="onScroll()"
            (wheel)="userInputAt = now()"
            (touchmove)="userInputAt = now()"
            (keydown)="userInputAt = now()"
            (pointerdown)="userInputAt = now()"
          >
            <div class="thread">
              <p class="msg bot">{{ greetingText() }}</p>
              @for (item of thread(); track item.entry.id) {
                @if (item.time) {
                  <p class="time">{{ item.time }}</p>
                }
                <div [attr.class]="item.className" [attr.data-id]="item.entry.id">
                  <span class="sr">{{ item.entry.role === 'user' ? t().you : t().bot }}</span>
                  @if (item.entry.failure; as failure) {
                    <p class="text">{{ failureText(item.entry) }}</p>
                    @if (item.entry.retryQuery) {
                      <button type="button" class="pill retry" [attr.aria-disabled]="retryBlocked(failure)" (click)="retry(item.entry)">
                        {{ failure.kind === 'rate-limited' ? t().sendAgain : t().retry }}
                      </button>
                    }
                  } @else {
                    @for (block of item.blocks; track $index) {
                      <div [attr.class]="block.kind" [attr.role]="block.kind === 'p' ? null : 'list'">
                        @for (parts of block.items; track $index) {
                          <p class="text" [attr.role]="block.kind === 'p' ? null : 'listitem'">
                            @for (part of parts; track $index) {
                              @if (part.href) {
                                <a [href]="part.href" target="_blank" rel="noopener noreferrer">{{ part.text }}</a>
                              } @else if (part.bold) {
                                <strong>{{ part.text }}</strong>
                              } @else {
                                <!-- In an element: no space is added around the text (", " after a bold name). -->
                                <span>{{ part.text }}</span>
                              }
                            }
                          </p>
                        }
                      </div>
                    }
                    @if (item.entry.queued) {
                      <p class="note">{{ t().queued }}</p>
                    }
                  }
                </div>
                @if (item.cards.length) {
                  <!-- Place cards, inline rather than a child component: that keeps kilobytes of Angular out of the bundle.
                       More than two scroll sideways (swipe, or arrow keys once the list has focus). -->
                  <ul
                    [attr.class]="item.cards.length > 2 ? 'cards scroller' : 'cards'"
                    [attr.aria-label]="t().results"
                    [attr.tabindex]="item.cards.length > 2 ? 0 : null"
                  >
                    @for (card of item.cards; track card.id) {
                      <li>
                        <article class="card">
                          <h3 class="card-name">{{ card.name }}</h3>
                          <p class="card-kind">{{ card.kind }}</p>
                          <p class="card-facts">
                            @if (card.stars) {
                              <span aria-hidden="true">{{ card.stars }}</span>
                            }
                            @if (card.price) {
                              <span aria-hidden="true">{{ card.price }}</span>
                            }
                            <span class="sr">{{ card.factsLabel }}</span>
                          </p>
                          @if (card.open; as open) {
                            <p [attr.class]="open.className">{{ open.label }}</p>
                          }
                          @if (card.description) {
                            <p class="card-description">{{ card.description }}</p>
                          }
                          @if (card.address) {
                            <p class="card-address">{{ card.address }}</p>
                          }
                          @if (card.amenities.length) {
                            <ul class="amenities">
                              @for (amenity of card.amenities; track amenity) {
                                <li>{{ amenity }}</li>
                              }
                            </ul>
                          }
                          <p class="card-links">
                            @if (card.tel; as href) {
                              <a [href]="href" [attr.aria-label]="card.labels.call">{{ t().call }}</a>
                            }
                            @if (card.map; as href) {
                              <a [href]="href" target="_blank" rel="noopener noreferrer" [attr.aria-label]="card.labels.map">{{ t().map }}</a>
                            }
                            @if (card.website; as href) {
                              <a [href]="href" target="_blank" rel="noopener noreferrer" [attr.aria-label]="card.labels.website">{{ t().website }}</a>
                            }
                            @if (item.entry.messageId !== undefined) {
                              <button
                                type="button"
                                class="report"
                                [attr.aria-label]="card.labels.report"
                                [title]="card.labels.report"
                                [attr.aria-pressed]="item.entry.feedback?.poiId === card.id"
                                (click)="report(item.entry, card.id)"
                              >
                                <svg aria-hidden="true" viewBox="0 0 24 24"><path fill="currentColor" [attr.d]="icons.flag" /></svg>
                              </button>
                            }
                          </p>
                        </article>
                      </li>
                    }
                  </ul>
                }
                @if (item.entry.messageId !== undefined) {
                  <div class="feedback" role="group" [attr.aria-label]="t().feedbackQuestion">
                    <button
                      type="button"
                      class="thumb"
                      [attr.aria-label]="t().helpful"
                      [title]="t().helpful"
                      [attr.aria-pressed]="item.entry.feedback?.rating === 'up'"
                      (click)="rate(item.entry, 'up')"
                    >
                      <svg aria-hidden="true" viewBox="0 0 24 24"><path fill="currentColor" [attr.d]="icons.up" /></svg>
                    </button>
                    <button
                      type="button"
                      class="thumb down"
                      [attr.aria-label]="t().notHelpful"
                      [title]="t().notHelpful"
                      [attr.aria-pressed]="item.entry.feedback?.rating === 'down'"
                      [attr.aria-expanded]="reasonsFor() === item.entry.id"
                      (click)="toggleReasons(item.entry)"
                    >
                      <svg aria-hidden="true" viewBox="0 0 24 24"><path fill="currentColor" [attr.d]="icons.up" /></svg>
                    </button>
                    @switch (item.entry.feedback?.state) {
                      @case ('sent') {
                        <span class="note" role="status">{{ t().feedbackThanks }}</span>
                      }
                      @case ('failed') {
                        <span class="note" role="status">{{ t().feedbackFailed }}</span>
                      }
                    }
                  </div>
                  @if (reasonsFor() === item.entry.id) {
                    <form class="reasons" (submit)="sendReasons($event, item.entry)">
                      <fieldset>
                        <legend>{{ t().feedbackQuestion }}</legend>
                        @for (reason of reasons; track reason) {
                          <label class="reason"
                            ><input type="radio" name="reason" [value]="reason" [checked]="reason === 'wrong_info'" /> {{ t().reasons[reason] }}</label
                          >
                        }
                      </fieldset>
                      <label class="comment">
                        <span>{{ t().comment }}</span>
                        <textarea name="comment" rows="2" [attr.maxlength]="maxComment"></textarea>
                      </label>
                      <button type="submit" class="pill solid">{{ t().sendFeedback }}</button>
                    </form>
                  }
                }
              }
              @if (typing()) {
                <p class="typing" role="status">
                  <span class="sr">{{ t().typing }}</span><span class="dot"></span><span class="dot"></span><span class="dot"></span>
                </p>
              }
            </div>
          </div>
          @if (unseen()) {
            <button type="button" class="jump" (click)="jumpToLatest()">{{ unseenLabel() }}</button>
          }
          @if (chips().length) {
            <div class="chips" role="group" [attr.aria-label]="entries().length ? t().quickRepliesLabel : t().suggestionsLabel">
              @for (chip of chips(); track $index) {
                <button type="button" class="chip" (click)="askChip(chip)">{{ chip }}</button>
              }
            </div>
          }
          <p class="sr" aria-live="polite">{{ announcement() }}</p>
          <form class="composer" (submit)="submit($event)">
            <input
              #input
              class="input"
              type="text"
              enterkeyhint="send"
              autocomplete="off"
              [attr.maxlength]="maxLength"
              [attr.aria-label]="t().inputLabel"
              [placeholder]="t().placeholder"
              [readOnly]="waitSeconds() > 0"
              [attr.aria-disabled]="waitSeconds() > 0"
              [value]="draft()"
              (input)="draft.set(input.value)"
            />
            <!-- aria-disabled, not disabled: Enter right after typing comes before the re-render that would
                 enable a disabled button, and a form whose default button is disabled ignores Enter. -->
            <button type="submit" class="send" [attr.aria-disabled]="!canSend()" [attr.aria-label]="t().send">
              <svg aria-hidden="true" viewBox="0 0 24 24"><path fill="currentColor" [attr.d]="icons.send" /></svg>
            </button>
          </form>
        </section>
      }
    </div>
  `,
})
export class HoliBotComponent implements AfterViewChecked {
  // Attributes of <holi-bot>. `lang`, `title` and `open` are aliases so that the element keeps its
  // own `lang`/`title` properties and its open() method.
  readonly apiUrl = input('');
  protected readonly lang = signal('');
  /** A language the page switches to later is fetched then. */
  @Input({ alias: 'lang' }) set langAttribute(lang: string | null) {
    this.lang.set(lang ?? '');
    void loadStrings(this.language());
  }
  readonly position = input<string>('right');
  @Input() set primaryColor(color: string | null) {
    this.setHostStyle('--holibot-primary', color?.trim() || null);
  }
  readonly titleText = input('', { alias: 'title' });
  readonly subtitle = input('');
  readonly avatar = input('');
  readonly greeting = input('');
  /** DESTINATION_NAME for the suggestions; asked from the server when the page does not say. */
  readonly destination = input('');
  /** Keeps two widgets of one page and API apart in storage. */
  readonly sessionKey = input('');
  /** 'light', 'dark', or 'auto' (the visitor's prefers-color-scheme, the default). */
  readonly theme = input('auto');
  @Input({ alias: 'open', transform: booleanAttribute }) set startOpen(open: boolean) {
    if (open) this.openPanel();
  }

  protected readonly icons = { chat: ICON_CHAT, new: ICON_NEW, close: ICON_CLOSE, send: ICON_SEND, up: ICON_UP, flag: ICON_FLAG };
  protected readonly maxLength = MAX_QUERY_LENGTH;
  protected readonly maxComment = MAX_FEEDBACK_COMMENT_LENGTH;
  protected readonly reasons = FEEDBACK_REASONS;
  protected readonly isOpen = signal(false);
  /** Only the first <holi-bot> of a corner is drawn (see corner.ts). */
  protected readonly ownsCorner = signal(true);
  protected readonly draft = signal('');
  protected readonly compact = signal(false);
  protected readonly confirming = signal(false);
  /** The answer whose "not helpful" reasons are open. */
  protected readonly reasonsFor = signal<number | null>(null);
  /** Answers that arrived while the panel was closed. */
  protected readonly unread = signal(0);
  /** Answers below the visible part of the log, while the visitor reads older ones. */
  protected readonly unseen = signal(0);
  /** What screen readers hear of the newest answer: its text, once. */
  protected readonly announcement = signal('');
  private readonly darkScheme = signal(false);
  private readonly serverDestination = signal('');
  /** Ticks each second while a rate-limit wait counts down. */
  private readonly clock = signal(Date.now());

  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  private readonly changeDetector = inject(ChangeDetectorRef);
  private readonly fetchFn = inject(FETCH);
  private readonly storage = inject(SESSION_STORAGE);
  private readonly defaultApiUrl = inject(DEFAULT_API_URL);
  private readonly webSocket = inject(WEB_SOCKET);
  private readonly checkStyles = inject(CHECK_STYLES);

  protected readonly language = computed(() => resolveLanguage(this.lang() || navigator.language));
  /** The language asked of the answer engine: the widget's own (the engine speaks all five). */
  private readonly answerLanguage = computed<Language>(() => this.language());
  protected readonly t = computed(() => uiStrings(this.language()));
  protected readonly heading = computed(() => this.titleText() || this.t().title);
  protected readonly greetingText = computed(() => this.greeting() || this.t().greeting);
  protected readonly avatarUrl = computed(() => httpUrl(this.avatar()));
  protected readonly rootClass = computed(() => {
    const theme = this.theme();
    const dark = theme === 'dark' || (theme !== 'light' && this.darkScheme());
    return `root${this.position() === 'left' ? ' left' : ''}${this.compact() ? ' compact' : ''}${dark ? ' dark' : ''}`;
  });
  protected readonly launcherLabel = computed(() => {
    const count = this.unread();
    return count ? `${this.t().launcher} (${format(this.t().unread, { count })})` : this.t().launcher;
  });
  private readonly apiBase = computed(() => this.apiUrl().trim() || this.defaultApiUrl);
  private readonly api = computed(() => new ChatApi(this.apiBase(), this.fetchFn));
  /** A new conversation object whenever the page points the widget at another API. */
  private socket: ChatSocket | null = null;
  private previous: Conversation | null = null;
  private readonly conversation = computed(() => {
    const apiUrl = this.apiBase();
    // The previous API's socket and tab channel are closed, not left open for the life of the page.
    this.socket?.close();
    this.previous?.close();
    this.socket = this.webSocket && new ChatSocket(apiUrl, this.webSocket);
    this.previous = new Conversation(
      this.api(),
      new SessionStore(apiUrl, this.storage, this.sessionKey().trim()),
      (answer) => this.answered(answer),
      this.socket,
      Date.now,
      // Answers arrive from the network, not from a template event: marking the view makes Angular
      // check it (and run ngAfterViewChecked, which follows the log and runs the rate-limit clock).
      () => this.changeDetector.markForCheck(),
    );
    return this.previous;
  });
  protected readonly entries = computed(() => this.conversation().entries());
  private readonly threadView = new ThreadView();
  /** The entries as shown; each entry's cards and text are worked out once (see ThreadView). */
  protected readonly thread = computed(() => this.threadView.items(this.entries(), this.t()));
  protected readonly pending = computed(() => this.conversation().pending());
  protected readonly waitSeconds = computed(() => {
    // The clock ticks only while a wait runs: a new wait is measured from now.
    const now = Math.max(this.clock(), Date.now());
    return Math.max(0, Math.ceil((this.conversation().waitUntil() - now) / 1000));
  });
  protected readonly connectionStatus = computed(() => {
    if (this.conversation().offline()) return this.t().offline;
    return this.socket?.reconnecting() ? this.t().reconnecting : '';
  });
  /** Waiting, and no streamed text to read yet. */
  protected readonly typing = computed(() => this.pending() && this.entries().at(-1)?.role !== 'bot');
  protected readonly canSend = computed(() => !this.pending() && this.waitSeconds() === 0 && this.draft().trim().length > 0);
  /** Suggestions before the first question; after an answer, follow-ups that fit it. */
  protected readonly chips = computed(() => {
    if (this.pending()) return [];
    const entries = this.entries();
    if (!entries.length) {
      const destination = this.destination().trim() || this.serverDestination();
      return this.t()
        .suggestions.filter((s) => destination || !s.includes('{destination}'))
        .map((s) => format(s, { destination }));
    }
    const last = entries.at(-1)!;
    return last.role === 'bot' && !last.failure ? quickReplies(last, this.t()) : [];
  });
  protected readonly unseenLabel = computed(() => newMessagesLabel(this.unseen(), this.t()));

  // matchMedia is missing in some embedded browsers and in jsdom: then never compact, never dark.
  private readonly compactQuery = window.matchMedia?.(COMPACT_QUERY) ?? null;
  private readonly darkQuery = window.matchMedia?.(DARK_QUERY) ?? null;
  private savedOverflow: string | null = null;
  /** The newest entry the log has followed; later ones count as unseen while the visitor reads above. */
  private followedId = 0;
  /** Whether the visitor was at the bottom of the log before the last change. */
  private atBottom = true;
  /** Whether the log keeps the latest entry in view; the visitor's own scrolling stops it. */
  private following = true;
  /** The finished answer the log was last placed for. */
  private placed = 0;
  /**
   * When the visitor last used wheel, touch, keys or pointer on the log: a scroll soon after is
   * theirs. (Comparing positions is not enough: layout and the browser move the log too.)
   */
  protected userInputAt = 0;
  protected readonly now = Date.now;
  private ticking = 0;
  private closing: Animation | null = null;
  private stylesChecked = false;

  constructor() {
    const onCompactChange = () => {
      this.compact.set(this.compactQuery?.matches ?? false);
      this.fitToScreen();
    };
    onCompactChange();
    this.compactQuery?.addEventListener('change', onCompactChange);
    const onScheme = () => this.darkScheme.set(this.darkQuery?.matches ?? false);
    onScheme();
    this.darkQuery?.addEventListener('change', onScheme);
    // On phones the on-screen keyboard shrinks the visual viewport: the panel follows it so the
    // input stays in sight.
    const viewport = window.visualViewport;
    const onViewport = () => this.fitToScreen();
    viewport?.addEventListener('resize', onViewport);
    viewport?.addEventListener('scroll', onViewport);
    const onOnline = () => void this.conversation().setOffline(false, this.answerLanguage());
    const onOffline = () => void this.conversation().setOffline(true, this.answerLanguage());
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    if (navigator.onLine === false) onOffline();
    // Elements tell each other when they come and go, so a second one in a corner takes over
    // when the first leaves.
    const onCorners = () => this.ownsCorner.set(claimCorner(this.host));
    document.addEventListener(CORNERS_CHANGED, onCorners);
    onCorners();
    document.dispatchEvent(new Event(CORNERS_CHANGED));
    void loadStrings(this.language());
    inject(DestroyRef).onDestroy(() => {
      this.socket?.close();
      this.previous?.close();
      clearInterval(this.ticking);
      this.compactQuery?.removeEventListener('change', onCompactChange);
      this.darkQuery?.removeEventListener('change', onScheme);
      viewport?.removeEventListener('resize', onViewport);
      viewport?.removeEventListener('scroll', onViewport);
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      document.removeEventListener(CORNERS_CHANGED, onCorners);
      document.dispatchEvent(new Event(CORNERS_CHANGED));
      this.isOpen.set(false);
      this.fitToScreen();
    });
  }

  openPanel(): void {
    // Opened again while it closes: it simply stays open.
    this.closing?.cancel();
    this.closing = null;
    if (this.isOpen() || !this.ownsCorner()) return;
    this.isOpen.set(true);
    this.unread.set(0);
    this.followedId = 0;
    this.following = true;
    void this.conversation().restore();
    void this.loadDestination();
    this.fitToScreen();
    this.changeDetector.detectChanges();
    this.showPopovers();
    // On phones the on-screen keyboard would cover the greeting: focus goes to the heading there.
    this.find<HTMLElement>(this.compact() ? '.heading' : '.input')?.focus();
    this.emit('holibot:open', null);
  }

  closePanel(): void {
    if (!this.isOpen() || this.closing) return;
    // A short fade (Web Animations: allowed under a strict CSP), none with prefers-reduced-motion.
    const panel = this.find<HTMLElement>('.panel');
    if (panel?.animate && !window.matchMedia?.('(prefers-reduced-motion: reduce)').matches) {
      const closing = (this.closing = panel.animate([{}, { opacity: 0, transform: 'translateY(0.75rem) scale(0.98)' }], {
        duration: 150,
        easing: 'ease-in',
        fill: 'forwards',
      }));
      closing.finished.then(
        () => this.closing === closing && this.finishClosing(),
        () => undefined,
      );
      return;
    }
    this.finishClosing();
  }

  private finishClosing(): void {
    this.closing = null;
    this.isOpen.set(false);
    this.confirming.set(false);
    this.fitToScreen();
    this.changeDetector.detectChanges();
    this.showPopovers();
    this.find<HTMLButtonElement>('.launcher')?.focus();
    this.emit('holibot:close', null);
  }

  /** Where focus goes when the page focuses <holi-bot>: the input when open, else the launcher. */
  focusLauncher(): boolean {
    const target = this.find<HTMLElement>(this.isOpen() ? '.input' : '.launcher');
    target?.focus();
    return target !== null;
  }

  /** Opens the panel and sends `text` as the visitor's question. */
  ask(text: string): Promise<void> {
    this.openPanel();
    if (this.waitSeconds() > 0) return Promise.resolve();
    // Sending always brings the question and the coming answer into view.
    this.following = true;
    this.unseen.set(0);
    return this.conversation().send(String(text ?? '').slice(0, MAX_QUERY_LENGTH), this.answerLanguage());
  }

  protected submit(event: Event): void {
    event.preventDefault();
    if (!this.canSend()) return;
    const text = this.draft();
    this.draft.set('');
    void this.ask(text);
  }

  /** A suggestion or quick reply: asked, and focus stays in the panel (the chip goes away). */
  protected askChip(text: string): void {
    void this.ask(text);
    this.focusInput();
  }

  protected retry(entry: ChatEntry): void {
    if (entry.failure && this.retryBlocked(entry.failure)) return;
    this.following = true;
    void this.conversation().retry(entry, this.answerLanguage());
    this.focusInput();
  }

  protected retryBlocked(failure: ApiFailure): boolean {
    return failure.kind === 'rate-limited' && this.waitSeconds() > 0;
  }

  protected async newConversation(): Promise<void> {
    this.confirming.set(false);
    this.draft.set('');
    this.reasonsFor.set(null);
    this.unseen.set(0);
    this.announcement.set('');
    await this.conversation().reset();
    this.focusInput();
  }

  protected cancelNew(event?: Event): void {
    event?.stopPropagation();
    this.confirming.set(false);
    this.find<HTMLElement>('.new')?.focus();
  }

  protected rate(entry: ChatEntry, rating: 'up' | 'down', reason?: FeedbackReason, comment?: string): void {
    this.reasonsFor.set(null);
    void this.conversation().rate(entry, rating, { reason, comment: comment || undefined });
  }

  protected toggleReasons(entry: ChatEntry): void {
    this.reasonsFor.set(this.reasonsFor() === entry.id ? null : entry.id);
    if (this.reasonsFor() !== null) {
      this.changeDetector.detectChanges();
      this.find<HTMLInputElement>('.reasons input:checked')?.focus();
    }
  }

  protected sendReasons(event: Event, entry: ChatEntry): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const reason = form.querySelector<HTMLInputElement>('input[name="reason"]:checked')?.value as FeedbackReason | undefined;
    const comment = form.querySelector('textarea')?.value.trim() ?? '';
    this.rate(entry, 'down', reason ?? 'other', comment);
    this.focusInput();
  }

  /** "Report wrong info" on a card: a down vote about that place. */
  protected report(entry: ChatEntry, poiId: number): void {
    void this.conversation().rate(entry, 'down', { reason: 'wrong_info', poiId });
  }

  protected failureText(entry: ChatEntry): string {
    const t = this.t();
    const failure = entry.failure!;
    switch (failure.kind) {
      case 'network':
        return t.networkError;
      case 'rate-limited': {
        // Only the newest failure counts down; older ones keep the wait they were given.
        const newest = [...this.entries()].reverse().find((e) => e.failure?.kind === 'rate-limited') === entry;
        if (!newest) return format(t.rateLimited, { seconds: failure.retryAfterSeconds });
        const seconds = this.waitSeconds();
        return seconds > 0 ? format(t.rateLimitedWait, { seconds }) : t.rateLimitOver;
      }
      case 'server':
      case 'not-found':
        return t.serverError;
      case 'rejected':
        return t.badRequest;
    }
  }

  protected onScroll(): void {
    const log = this.find<HTMLElement>('.log');
    if (!log) return;
    this.atBottom = log.scrollHeight - log.scrollTop - log.clientHeight <= BOTTOM_SLACK;
    if (Date.now() - this.userInputAt < 1000) this.following = this.atBottom;
    if (this.atBottom) {
      this.followedId = this.entries().at(-1)?.id ?? 0;
      this.unseen.set(0);
    }
  }

  protected jumpToLatest(): void {
    const log = this.find<HTMLElement>('.log');
    this.unseen.set(0);
    this.followedId = this.entries().at(-1)?.id ?? 0;
    this.following = true;
    if (log) this.scrollLog(log, log.scrollHeight);
    this.focusInput();
  }

  /** Tab stays inside the full-screen panel on phones: the page behind is not reachable. */
  protected onPanelKey(event: KeyboardEvent): void {
    if (event.key === 'Escape' && !event.defaultPrevented) {
      if (this.confirming()) return this.cancelNew(event);
      return this.closePanel();
    }
    if (event.key !== 'Tab' || !this.compact()) return;
    const panel = this.find<HTMLElement>('.panel');
    const tabbable = Array.from(panel?.querySelectorAll<HTMLElement>(TABBABLE) ?? []).filter((el) => el.getClientRects().length > 0);
    const first = tabbable[0];
    const last = tabbable.at(-1);
    // The heading (focused on open) is not in the Tab order: from there, both ways wrap too.
    const active = this.host.shadowRoot?.activeElement as HTMLElement | null;
    const outside = !active || !tabbable.includes(active);
    if (event.shiftKey && (active === first || outside)) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && (active === last || outside)) {
      event.preventDefault();
      first?.focus();
    }
  }

  private answered(answer: ChatAnswer): void {
    if (!this.isOpen()) this.unread.update((count) => count + 1);
    // Announced once, as plain text: the cards are there to browse, not to be read out.
    this.announcement.set(answer.textResponse.replace(/\*\*/g, ''));
    this.emit('holibot:message', answer);
  }

  reconnected(): void {
    queueMicrotask(() => this.showPopovers());
  }

  /** After each render: the corner claimed (position may have changed), the stylesheet checked, the rate-limit clock ticking, the log following new messages. */
  ngAfterViewChecked(): void {
    this.ownsCorner.set(claimCorner(this.host));
    this.checkStylesApplied();
    this.countDown();
    this.follow();
  }

  /**
   * The log follows the conversation: a new question scrolls to the bottom; a new answer shows
   * from its first line when the visitor was at the bottom, and is counted as unseen (the "new
   * messages" button) when they were reading older messages, which then stay where they are.
   */
  private follow(): void {
    const log = this.find<HTMLElement>('.log');
    const entries = this.entries();
    const latest = entries.at(-1);
    if (!log || !latest) return;
    if (latest.role === 'user') {
      // A new question: to the bottom, with the typing dots; later renders only while following.
      if (latest.id !== this.followedId) {
        this.following = true;
        this.followedId = latest.id;
      }
      if (this.following) this.scrollLog(log, log.scrollHeight);
      return;
    }
    if (latest.id > this.followedId) {
      if (!this.following && !this.atBottom) {
        this.unseen.set(entries.filter((e) => e.id > this.followedId && e.role === 'bot').length);
        return;
      }
      this.following = true;
      this.followedId = latest.id;
    }
    if (!this.following) return;
    // A finished answer is placed once: a later change of it (feedback given, the reasons form
    // opened) or the visitor scrolling to its end must not move the log back to its start.
    if (latest.id === this.placed) return;
    if (!this.pending()) this.placed = latest.id;
    // The latest answer: as much of it as fits, never past its first line — nor past the question
    // it answers, when that came just before.
    const question = entries.at(-2)?.role === 'user' ? entries.at(-2)! : latest;
    const bubble = log.querySelector<HTMLElement>(`[data-id="${question.id}"]`);
    const start = bubble ? bubble.getBoundingClientRect().top - log.getBoundingClientRect().top + log.scrollTop - 8 : log.scrollHeight;
    this.scrollLog(log, Math.max(0, Math.min(log.scrollHeight - log.clientHeight, start)));
  }

  private scrollLog(log: HTMLElement, top: number): void {
    log.scrollTop = top;
    this.atBottom = log.scrollHeight - log.scrollTop - log.clientHeight <= BOTTOM_SLACK;
  }

  private countDown(): void {
    const waiting = this.conversation().waitUntil() > Date.now();
    if (waiting && !this.ticking) {
      this.ticking = setInterval(() => {
        this.clock.set(Date.now());
        this.changeDetector.markForCheck();
      }, 1000) as unknown as number;
      this.clock.set(Date.now());
    } else if (!waiting && this.ticking) {
      clearInterval(this.ticking);
      this.ticking = 0;
      this.clock.set(Date.now());
    }
  }

  /**
   * The launcher and panel go to the browser's top layer, above any ancestor's transform, filter or
   * z-index. Without popovers the element drew the widget in a container in <body> instead (host-api.ts).
   */
  private showPopovers(): void {
    for (const element of this.host.shadowRoot?.querySelectorAll<HTMLElement>('[popover]') ?? []) {
      if (typeof element.showPopover !== 'function' || !element.isConnected) continue;
      try {
        if (!element.matches(':popover-open')) element.showPopover();
      } catch {
        // Not in a document yet: the fixed position and z-index remain.
      }
    }
  }

  /**
   * Under a Content-Security-Policy whose style-src lacks the page's nonce, the stylesheet is
   * blocked: the widget then stays hidden rather than spill unstyled into the page, and says why.
   */
  private checkStylesApplied(): void {
    if (this.stylesChecked || !this.checkStyles) return;
    const root = this.find<HTMLElement>('.root');
    if (!root) return;
    this.stylesChecked = true;
    // A custom property only the stylesheet sets (the browser's popover styles would make even an
    // unstyled launcher look placed).
    if (getComputedStyle(root).getPropertyValue('--line')) return this.showPopovers();
    this.setHostStyle('display', 'none');
    console.error(`HoliBot: hidden, as the page's Content-Security-Policy blocked its styles: add the page's nonce to style-src and <holi-bot nonce>.`);
  }

  private async loadDestination(): Promise<void> {
    if (this.destination().trim() || this.serverDestination()) return;
    try {
      this.serverDestination.set((await this.api().getConfig()).destinationName);
    } catch {
      // The suggestions that name no place are shown instead.
    }
  }

  private focusInput(): void {
    this.changeDetector.detectChanges();
    this.find<HTMLInputElement>('.input')?.focus();
  }

  /**
   * Full screen on phones: the panel follows the visual viewport (on-screen keyboard) and the
   * host page does not scroll behind it. Custom properties on the host, read by the stylesheet.
   */
  private fitToScreen(): void {
    const viewport = window.visualViewport;
    const fullScreen = this.isOpen() && this.compact();
    this.setHostStyle('--holibot-viewport-height', fullScreen && viewport ? `${viewport.height}px` : null);
    this.setHostStyle('--holibot-viewport-top', fullScreen && viewport ? `${viewport.offsetTop}px` : null);
    const page = document.documentElement.style;
    if (fullScreen && this.savedOverflow === null) {
      this.savedOverflow = page.overflow;
      page.overflow = 'hidden';
    } else if (!fullScreen && this.savedOverflow !== null) {
      page.overflow = this.savedOverflow;
      this.savedOverflow = null;
    }
  }

  /**
   * On the element that holds the shadow root: the host, or without popovers the container in
   * <body> (see host-api.ts). CSSOM, not style attributes: allowed under a strict Content-Security-Policy.
   */
  private setHostStyle(property: string, value: string | null): void {
    const style = ((this.host.shadowRoot?.host ?? this.host) as HTMLElement).style;
    if (value === null) style.removeProperty(property);
    else style.setProperty(property, value);
  }

  private find<T extends Element>(selector: string): T | null {
    return this.host.shadowRoot?.querySelector<T>(selector) ?? null;
  }

  private emit(type: string, detail: ChatAnswer | null): void {
    this.host.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}
