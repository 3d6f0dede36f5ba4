/**
 * The element's public methods (open, close, ask) reach the component through this map:
 * Angular Elements only exposes inputs as properties.
 */
export interface HoliBotControls {
  openPanel(): void;
  closePanel(): void;
  ask(text: string): Promise<void>;
  focusLauncher(): boolean;
  /** The element came back into the page (a move): its popovers left the top layer with it. */
  reconnected(): void;
}

const controls = new WeakMap<HTMLElement, HoliBotControls>();

export function registerHost(element: HTMLElement, component: HoliBotControls): void {
  controls.set(element, component);
}

// A mixin's base constructor must take `any[]` (TS2545).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ElementClass = new (...args: any[]) => HTMLElement;

/** Adds open(), close() and ask(text) to the custom element class Angular Elements made. */
export function withHostApi<T extends ElementClass>(Base: T) {
  return class HoliBotElement extends Base {
    open(): void {
      controls.get(this)?.openPanel();
    }
    close(): void {
      controls.get(this)?.closePanel();
    }
    ask(text: string): Promise<void> {
      return controls.get(this)?.ask(text) ?? Promise.resolve();
    }
    connectedCallback(): void {
      // Angular Elements destroys the component 10 ms after the element leaves the page but keeps
      // that timer's canceller; a later re-connect takes it for a destroy still to cancel and
      // makes no new component, leaving the element dead. Forgetting the spent timer fixes that.
      const strategy = (this as unknown as { _ngElementStrategy?: { componentRef: unknown; scheduledDestroyFn: unknown } })._ngElementStrategy;
      if (strategy?.componentRef === null) strategy.scheduledDestroyFn = null;
      // Angular Elements' own callback (typed on its class as a property, hence the cast).
      (Base.prototype as unknown as { connectedCallback?: () => void }).connectedCallback?.call(this);
      controls.get(this)?.reconnected();
    }
    /**
     * Angular Elements destroys the component shortly after the element leaves the page and
     * makes a new one when it comes back, which asks for a shadow root again: a second
     * attachShadow would throw and leave the element dead, so the emptied first one is reused.
     */
    override attachShadow(init: ShadowRootInit): ShadowRoot {
      if (!this.shadowRoot) return super.attachShadow(init);
      this.shadowRoot.replaceChildren();
      return this.shadowRoot;
    }
    /** Focus goes to the launcher (or the open panel's input), not to the bare host. */
    override focus(options?: FocusOptions): void {
      if (!controls.get(this)?.focusLauncher()) super.focus(options);
    }
  };
}

/** What the page sees of <holi-bot> (attributes besides: api-url, lang, position, …). */
export interface HoliBotElement extends HTMLElement {
  apiUrl: string;
  position: string;
  primaryColor: string;
  greeting: string;
  open(): void;
  close(): void;
  ask(text: string): Promise<void>;
}
