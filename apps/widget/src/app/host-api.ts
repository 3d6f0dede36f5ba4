import { type ApplicationRef, type ComponentRef, createComponent, reflectComponentType } from '@angular/core';
import { HoliBotComponent } from './holi-bot.component';

/** How long a removed element keeps its component: one moved (removed and added back) keeps it. */
const DESTROY_DELAY = 10;
/** The theme a page gives <holi-bot> in its CSS, copied to the container in <body> (see below). */
const THEME = 'primary on-primary surface text muted bot-bubble dark-surface dark-text dark-muted dark-bot-bubble radius font z-index';

/**
 * The <holi-bot> custom element class. A small wrapper of its own rather than Angular Elements,
 * whose strategy brings RxJS and zone handling this zoneless component has no use for.
 * Attributes and properties set the component's inputs (all of them kept, so a component made
 * again gets them too); the component lives while the element is in the page and a moment
 * longer (a move keeps it), and is made again when the element comes back later; open(),
 * close(), ask(text) and focus() reach it.
 *
 * Without popovers (`showPopover`) the launcher and the panel cannot go to the browser's top
 * layer: the widget is then drawn in a container of its own appended to <body>, out of any
 * transformed, clipping or low-z-index ancestor (the stylesheet places both as fixed boxes with
 * the highest z-index), and the container leaves the page with the element.
 */
export function holiBotElement(app: ApplicationRef): CustomElementConstructor {
  const inputs = reflectComponentType(HoliBotComponent)!.inputs;
  // The attribute (the input's name, dash-cased) → the input's name.
  const attributes = new Map(inputs.map(({ templateName }) => [templateName.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), templateName]));
  const topLayer = 'showPopover' in HTMLElement.prototype;

  return class HoliBotElement extends HTMLElement implements HoliBotMethods {
    static observedAttributes = [...attributes.keys()];

    static {
      // The inputs as properties too (element.apiUrl = …), under their names in the component.
      for (const { propName, templateName, isSignal } of inputs) {
        Object.defineProperty(this.prototype, propName, {
          get(this: HoliBotElement) {
            if (!this.#ref) return this.#values.get(templateName);
            const value = (this.#ref.instance as unknown as Record<string, unknown>)[propName];
            return isSignal ? (value as () => unknown)() : value;
          },
          set(this: HoliBotElement, value: unknown) {
            this.#set(templateName, value);
          },
        });
      }
    }

    #ref: ComponentRef<HoliBotComponent> | null = null;
    /** Every input value given, by input name. */
    #values = new Map<string, unknown>();
    #destroying = 0;
    /** Without popovers: the container in <body> whose shadow root holds the widget. */
    #layer: HTMLElement | null = null;

    constructor() {
      super();
      // Properties the page set before the element was defined hide the prototype's: passed on.
      const self = this as unknown as Record<string, unknown>;
      for (const { propName, templateName } of inputs) {
        if (!Object.hasOwn(this, propName)) continue;
        const value = self[propName];
        delete self[propName];
        this.#set(templateName, value);
      }
    }

    attributeChangedCallback(name: string, _old: string | null, value: string | null): void {
      this.#set(attributes.get(name)!, value);
    }

    connectedCallback(): void {
      clearTimeout(this.#destroying);
      if (this.#layer) document.body.append(this.#layer);
      if (this.#ref) return this.#ref.instance.reconnected();
      const ref = (this.#ref = createComponent(HoliBotComponent, { environmentInjector: app.injector, hostElement: this }));
      for (const [name, value] of this.#values) ref.setInput(name, value);
      app.attachView(ref.hostView);
      ref.changeDetectorRef.detectChanges();
    }

    disconnectedCallback(): void {
      this.#layer?.remove();
      this.#destroying = setTimeout(() => {
        this.#ref?.destroy();
        this.#ref = null;
      }, DESTROY_DELAY) as unknown as number;
    }

    /**
     * Where the component's view goes: a shadow root made once, and emptied for a component made
     * again after the element came back (a second attachShadow would throw). Without popovers,
     * the shadow root of the container in <body>.
     */
    override attachShadow(init: ShadowRootInit): ShadowRoot {
      const root = this.shadowRoot;
      if (root) {
        root.replaceChildren();
        return root;
      }
      if (topLayer) return super.attachShadow(init);
      const layer = (this.#layer = document.createElement('span'));
      // Inherited no more: the theme the page gave <holi-bot> (the attributes' values come after).
      const style = getComputedStyle(this);
      for (const name of THEME.split(' ')) {
        const value = style.getPropertyValue(`--holibot-${name}`);
        if (value) layer.style.setProperty(`--holibot-${name}`, value);
      }
      document.body.append(layer);
      return layer.attachShadow(init);
    }

    /** The widget's shadow root: the element's own, or the container's. */
    override get shadowRoot(): ShadowRoot | null {
      return this.#layer ? this.#layer.shadowRoot : super.shadowRoot;
    }

    open(): void {
      this.#ref?.instance.openPanel();
    }

    close(): void {
      this.#ref?.instance.closePanel();
    }

    ask(text: string): Promise<void> {
      return this.#ref?.instance.ask(text) ?? Promise.resolve();
    }

    /** Focus goes to the launcher (or the open panel's input), not to the bare host. */
    override focus(options?: FocusOptions): void {
      if (!this.#ref?.instance.focusLauncher()) super.focus(options);
    }

    #set(name: string, value: unknown): void {
      this.#values.set(name, value);
      this.#ref?.setInput(name, value);
    }
  };
}

interface HoliBotMethods {
  open(): void;
  close(): void;
  ask(text: string): Promise<void>;
}

/** What the page sees of <holi-bot> (attributes besides: api-url, lang, position, …). */
export interface HoliBotElement extends HTMLElement, HoliBotMethods {
  apiUrl: string;
  position: string;
  primaryColor: string;
  greeting: string;
}
