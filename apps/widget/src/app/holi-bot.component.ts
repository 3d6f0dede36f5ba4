import {
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
import type { ChatAnswer, Language } from '@holibot/contracts';
import { MAX_QUERY_LENGTH } from '@holibot/contracts';
import { ChatApi, type ApiFailure, type FetchLike } from './chat-api';
import { ChatSocket } from './chat-socket';
import { Conversation, type ChatEntry } from './conversation';
import { registerHost } from './host-api';
import { format, resolveLanguage, uiStrings } from './i18n';
import { poiCard } from './poi-card';
import { SessionStore } from './session-store';

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

/** Below this width the panel takes the whole screen. */
const COMPACT_QUERY = '(max-width: 479.98px)';

@Component({
  selector: 'holibot-widget',
  encapsulation: ViewEncapsulation.ShadowDom,
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './holi-bot.component.css',
  template: `
    <!-- title="" keeps the host element's title attribute from showing as a tooltip everywhere. -->
    <div title="" [attr.class]="rootClass()" [attr.lang]="language()">
      <button
        type="button"
        class="launcher"
        [hidden]="isOpen()"
        aria-haspopup="dialog"
        [attr.aria-expanded]="isOpen()"
        [attr.aria-label]="t().launcher"
        (click)="openPanel()"
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" width="28" height="28">
          <path fill="currentColor" d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z" />
        </svg>
      </button>
      @if (isOpen()) {
        <section class="panel" role="dialog" [attr.aria-modal]="compact()" [attr.aria-label]="heading()" (keydown.escape)="closePanel()">
          <header class="bar">
            <h2 class="heading">{{ heading() }}</h2>
            <button
              type="button"
              class="icon"
              [attr.aria-label]="t().newConversation"
              [title]="t().newConversation"
              [disabled]="pending()"
              (click)="newConversation()"
            >
              <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
                <path fill="currentColor" d="M12 5V2L7 6l5 4V7a6 6 0 1 1-6 6H4a8 8 0 1 0 8-8z" />
              </svg>
            </button>
            <button type="button" class="icon" [attr.aria-label]="t().close" [title]="t().close" (click)="closePanel()">
              <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
                <path fill="currentColor" d="M18.3 5.7 12 12l6.3 6.3-1.4 1.4-6.3-6.3-6.3 6.3-1.4-1.4L9.2 12 2.9 5.7l1.4-1.4 6.3 6.3 6.3-6.3z" />
              </svg>
            </button>
          </header>
          <!-- column-reverse around one inner block keeps the newest message in view without scripting. -->
          <div class="log" role="log" aria-live="polite" tabindex="0" [attr.aria-busy]="pending()" [attr.aria-label]="heading()">
            <div class="thread">
              <p class="msg bot">{{ greetingText() }}</p>
              @for (item of thread(); track item.entry.id) {
                <div [attr.class]="item.entry.failure ? 'msg bot error' : item.entry.role === 'user' ? 'msg user' : 'msg bot'">
                  <span class="sr">{{ item.entry.role === 'user' ? t().you : t().bot }}</span>
                  <p class="text">{{ item.entry.failure ? failureText(item.entry.failure) : item.entry.text }}</p>
                  @if (item.entry.failure && item.entry.retryQuery && item.entry.failure.kind !== 'rate-limited') {
                    <button type="button" class="retry" (click)="retry(item.entry)">{{ t().retry }}</button>
                  }
                </div>
                @if (item.cards.length) {
                  <!-- Place cards, inline rather than a child component: that keeps kilobytes of Angular out of the bundle. -->
                  <ul class="cards" [attr.aria-label]="t().results">
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
                            @if (card.open; as open) {
                              <span [attr.class]="open.className">{{ open.label }}</span>
                            }
                          </p>
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
                            @if (card.website; as href) {
                              <a [href]="href" target="_blank" rel="noopener noreferrer">{{ t().website }}</a>
                            }
                            @if (card.tel; as href) {
                              <a [href]="href">{{ t().call }} {{ card.phone }}</a>
                            }
                            @if (card.map; as href) {
                              <a [href]="href" target="_blank" rel="noopener noreferrer">{{ t().map }}</a>
                            }
                          </p>
                        </article>
                      </li>
                    }
                  </ul>
                }
              }
              @if (typing()) {
                <p class="typing" role="status">
                  <span class="sr">{{ t().typing }}</span><span class="dot"></span><span class="dot"></span><span class="dot"></span>
                </p>
              }
            </div>
          </div>
          @if (showSuggestions()) {
            <div class="chips" role="group" [attr.aria-label]="t().suggestionsLabel">
              @for (suggestion of t().suggestions; track suggestion) {
                <button type="button" class="chip" (click)="ask(suggestion)">{{ suggestion }}</button>
              }
            </div>
          }
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
              [value]="draft()"
              (input)="draft.set(input.value)"
            />
            <!-- aria-disabled, not disabled: Enter right after typing comes before the re-render that would
                 enable a disabled button, and a form whose default button is disabled ignores Enter. -->
            <button type="submit" class="send" [attr.aria-disabled]="!canSend()" [attr.aria-label]="t().send">
              <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20"><path fill="currentColor" d="M3 20.5 21 12 3 3.5 3 10l12 2-12 2z" /></svg>
            </button>
          </form>
        </section>
      }
    </div>
  `,
})
export class HoliBotComponent {
  // Attributes of <holi-bot>. `lang`, `title` and `open` are aliases so that the element keeps its
  // own `lang`/`title` properties and its open() method.
  readonly apiUrl = input('');
  readonly lang = input('', { alias: 'lang' });
  readonly position = input<string>('right');
  @Input() set primaryColor(color: string | null) {
    this.setHostStyle('--holibot-primary', color?.trim() || null);
  }
  readonly titleText = input('', { alias: 'title' });
  readonly greeting = input('');
  @Input({ alias: 'open', transform: booleanAttribute }) set startOpen(open: boolean) {
    if (open) this.openPanel();
  }

  protected readonly maxLength = MAX_QUERY_LENGTH;
  protected readonly isOpen = signal(false);
  protected readonly draft = signal('');
  protected readonly compact = signal(false);

  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  private readonly changeDetector = inject(ChangeDetectorRef);
  private readonly fetchFn = inject(FETCH);
  private readonly storage = inject(SESSION_STORAGE);
  private readonly defaultApiUrl = inject(DEFAULT_API_URL);
  private readonly webSocket = inject(WEB_SOCKET);

  protected readonly language = computed<Language>(() => resolveLanguage(this.lang() || navigator.language));
  protected readonly t = computed(() => uiStrings(this.language()));
  protected readonly heading = computed(() => this.titleText() || this.t().title);
  protected readonly greetingText = computed(() => this.greeting() || this.t().greeting);
  protected readonly rootClass = computed(() => `root${this.position() === 'left' ? ' left' : ''}${this.compact() ? ' compact' : ''}`);
  /** A new conversation object whenever the page points the widget at another API. */
  private socket: ChatSocket | null = null;
  private readonly conversation = computed(() => {
    const apiUrl = this.apiUrl().trim() || this.defaultApiUrl;
    // The previous API's socket is closed, not left open for the life of the page.
    this.socket?.close();
    this.socket = this.webSocket && new ChatSocket(apiUrl, this.webSocket);
    return new Conversation(
      new ChatApi(apiUrl, this.fetchFn),
      new SessionStore(apiUrl, this.storage),
      (answer) => {
        this.revealLatestAnswer();
        this.emit('holibot:message', answer);
      },
      this.socket,
    );
  });
  protected readonly entries = computed(() => this.conversation().entries());
  /** The entries with their place cards, worked out again only when entries or language change. */
  protected readonly thread = computed(() => {
    const t = this.t();
    return this.entries().map((entry) => ({ entry, cards: entry.pois.map((poi) => poiCard(poi, t)) }));
  });
  protected readonly pending = computed(() => this.conversation().pending());
  /** Waiting, and no streamed text to read yet. */
  protected readonly typing = computed(() => this.pending() && this.entries().at(-1)?.role !== 'bot');
  protected readonly canSend = computed(() => !this.pending() && this.draft().trim().length > 0);
  protected readonly showSuggestions = computed(() => this.entries().length === 0 && !this.pending());

  // matchMedia is missing in some embedded browsers and in jsdom: then never compact.
  private readonly compactQuery = window.matchMedia?.(COMPACT_QUERY) ?? null;
  private savedOverflow: string | null = null;

  constructor() {
    registerHost(this.host, this);
    const onCompactChange = () => {
      this.compact.set(this.compactQuery?.matches ?? false);
      this.fitToScreen();
    };
    onCompactChange();
    this.compactQuery?.addEventListener('change', onCompactChange);
    // On phones the on-screen keyboard shrinks the visual viewport: the panel follows it so the
    // input stays in sight.
    const viewport = window.visualViewport;
    const onViewport = () => this.fitToScreen();
    viewport?.addEventListener('resize', onViewport);
    viewport?.addEventListener('scroll', onViewport);
    inject(DestroyRef).onDestroy(() => {
      this.socket?.close();
      this.compactQuery?.removeEventListener('change', onCompactChange);
      viewport?.removeEventListener('resize', onViewport);
      viewport?.removeEventListener('scroll', onViewport);
      this.isOpen.set(false);
      this.fitToScreen();
    });
  }

  openPanel(): void {
    if (this.isOpen()) return;
    this.isOpen.set(true);
    void this.conversation().restore();
    this.fitToScreen();
    this.changeDetector.detectChanges();
    this.find<HTMLInputElement>('.input')?.focus();
    this.emit('holibot:open', null);
  }

  closePanel(): void {
    if (!this.isOpen()) return;
    this.isOpen.set(false);
    this.fitToScreen();
    this.changeDetector.detectChanges();
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
    return this.conversation().send(String(text ?? '').slice(0, MAX_QUERY_LENGTH), this.language());
  }

  protected submit(event: Event): void {
    event.preventDefault();
    if (!this.canSend()) return;
    const text = this.draft();
    this.draft.set('');
    void this.ask(text);
  }

  protected retry(entry: ChatEntry): void {
    void this.conversation().retry(entry, this.language());
  }

  protected async newConversation(): Promise<void> {
    this.draft.set('');
    await this.conversation().reset();
    this.find<HTMLInputElement>('.input')?.focus();
  }

  protected failureText(failure: ApiFailure): string {
    const t = this.t();
    switch (failure.kind) {
      case 'network':
        return t.networkError;
      case 'rate-limited':
        return format(t.rateLimited, { seconds: failure.retryAfterSeconds });
      case 'server':
      case 'not-found':
        return t.serverError;
      case 'rejected':
        return t.badRequest;
    }
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
   * The log keeps its bottom in view by itself (column-reverse); a long answer with cards is
   * then scrolled back so that it is read from its first line.
   */
  private revealLatestAnswer(): void {
    this.changeDetector.detectChanges();
    const log = this.find<HTMLElement>('.log');
    const answers = this.host.shadowRoot?.querySelectorAll<HTMLElement>('.thread > .bot');
    const latest = answers?.[answers.length - 1];
    if (!log || !latest) return;
    const offset = latest.getBoundingClientRect().top - log.getBoundingClientRect().top - 8;
    if (offset < 0) log.scrollBy?.({ top: offset });
  }

  /** CSSOM, not style attributes: allowed under a strict Content-Security-Policy. */
  private setHostStyle(property: string, value: string | null): void {
    if (value === null) this.host.style.removeProperty(property);
    else this.host.style.setProperty(property, value);
  }

  private find<T extends Element>(selector: string): T | null {
    return this.host.shadowRoot?.querySelector<T>(selector) ?? null;
  }

  private emit(type: string, detail: ChatAnswer | null): void {
    this.host.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}
