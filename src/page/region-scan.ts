/**
 * One region's scan: phone numbers written as plain text become callable, each with a button right after it
 * (scan-buttons.ts), the text left as it is.
 *
 * Never one long task: the text is read (scan-text.ts) and matched in slices of a few milliseconds, with a bounded
 * number of new buttons each (every button renders in the task that inserts it). Runs near the viewport go first
 * (one IntersectionObserver on the blocks that hold digits), the rest when the page is idle; text added or changed
 * later is read again, in batches, the scan's own writes left out.
 */
import type { Messages } from '../i18n/messages.js';
import { digitRuns, findNumbersInText, type NumberInText } from '../phone/find-numbers.js';
import { metadataForText } from '../phone/metadata-for-text.js';
import { toCountryCode } from '../phone/phone.js';
import { insertButtons, removeButtons, scanButton, SCANNED, type InsertedButton } from './scan-buttons.js';
import { isSkipped } from './scan-skip.js';
import { blockOf, isInline, isIntact, textRuns, type TextRun } from './scan-text.js';

/** What the scan takes from the code that loaded it: the buttons' own page defaults and texts, one copy a page. */
export interface ScanHost {
  /** The page's default country (page-defaults.ts's `pageDefaultCountry`). */
  country(): string | undefined;
  /** The texts of a language (i18n/locale.ts's `messagesFor`). */
  messages(lang: string): Messages | Promise<Messages>;
  /** The language of an element (i18n/locale.ts's `languageOf`). */
  language(element: Element): string;
}

/** How long a slice of work may take, in milliseconds: matching and inserting, before the buttons render. */
const SLICE_MS = 8;
/** New buttons a slice may insert: each renders in the same task, after the slice. */
const BUTTONS_PER_SLICE = 200;
/** The longest an idle slice waits for idle time, in milliseconds. */
const IDLE_TIMEOUT = 1000;

/** Whether a run can hold a number at all: only those are queued and watched for the viewport. */
const hasDigitRun = (run: TextRun): boolean => !digitRuns(run.text).next().done;

/**
 * Scans `root` now and as its text changes, with `country` (else the page's default country) for national numbers,
 * until `stop()`, which removes every button it inserted.
 */
export class RegionScan {
  /** Subtrees being read: the root's, then those added later. */
  private readonly reading: Generator<TextRun, void>[];
  /** Runs with digits, in document order; those before `next` are taken. */
  private queue: TextRun[] = [];
  private next = 0;
  /** Runs near the viewport or whose text changed: matched first. */
  private readonly urgent: TextRun[] = [];
  private readonly matched = new WeakSet<TextRun>();
  /** Runs not yet matched, by the block the viewport observer watches. */
  private readonly runsOf = new Map<Element, TextRun[]>();
  /** Blocks whose own text changed: their buttons are removed and their runs read again. */
  private readonly changed = new Set<Element>();
  /** The inserted buttons, by block. */
  private readonly buttons = new Map<Element, InsertedButton[]>();
  /** Buttons just removed from a changed block, kept for its number if it is still there (no new render). */
  private readonly reusable = new Map<string, HTMLElement>();
  /** What each button was made for: its number and its text as written. */
  private readonly keys = new WeakMap<HTMLElement, string>();
  private readonly viewport?: IntersectionObserver;
  private readonly changes: MutationObserver;
  private scheduled = false;
  private waiting = false;
  private stopped = false;

  constructor(
    private readonly root: Element,
    private readonly country: string | undefined,
    private readonly host: ScanHost,
  ) {
    this.reading = [textRuns(root, this.skipped)];
    if (typeof IntersectionObserver === 'function') {
      this.viewport = new IntersectionObserver((entries) => this.nearViewport(entries), { rootMargin: '50% 0px' });
    }
    this.changes = new MutationObserver((records) => {
      this.readChanges(records);
      this.schedule();
    });
    this.changes.observe(root, { childList: true, characterData: true, subtree: true });
    this.schedule();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.changes.disconnect();
    this.viewport?.disconnect();
    for (const inserted of this.buttons.values()) removeButtons(inserted);
    this.buttons.clear();
    this.runsOf.clear();
    this.queue = [];
  }

  /** What the scan leaves alone: the skip list (scan-skip.ts), and regions inside the root that are scanned on their own. */
  private readonly skipped = (element: Element): boolean =>
    (element !== this.root && element.hasAttribute('data-spaces-scan')) || isSkipped(element);

  private schedule(): void {
    if (this.scheduled || this.waiting || this.stopped) return;
    this.scheduled = true;
    // What is near the viewport or changed, and the reading of the text, go on at once; matching the rest waits
    // for idle time.
    if (this.urgent.length || this.changed.size || this.reading.length || typeof requestIdleCallback !== 'function') {
      setTimeout(() => this.slice(SLICE_MS));
    } else {
      requestIdleCallback((idle) => this.slice(Math.min(SLICE_MS, idle.timeRemaining())), { timeout: IDLE_TIMEOUT });
    }
  }

  private slice(budget: number): void {
    this.scheduled = false;
    if (this.stopped || this.waiting) return;
    this.readChanges(this.changes.takeRecords());
    const end = performance.now() + budget;
    let inserted = 0;
    for (const block of this.changed) this.readAgain(block);
    this.changed.clear();
    while (inserted < BUTTONS_PER_SLICE) {
      const run = this.urgent.shift() ?? (this.reading.length ? this.read() : this.queue[this.next++]);
      if (run && !this.matched.has(run)) {
        const found = this.match(run);
        if (found instanceof Promise) {
          this.waitFor(found, run);
          break;
        }
        inserted += found;
      } else if (!run && !this.reading.length) {
        break;
      }
      if (performance.now() >= end) break;
    }
    this.reusable.clear();
    if (this.next >= this.queue.length) [this.queue, this.next] = [[], 0];
    this.changes.takeRecords(); // the scan's own writes
    if (this.urgent.length || this.reading.length || this.next < this.queue.length) this.schedule();
  }

  /** The next run with digits of the subtrees being read, queued and watched for the viewport; undefined while there is none. */
  private read(): TextRun | undefined {
    const step = this.reading[0].next();
    if (step.done) {
      this.reading.shift();
      return undefined;
    }
    const run = step.value;
    if (!hasDigitRun(run)) return undefined;
    this.queue.push(run);
    const runs = this.runsOf.get(run.block);
    if (runs) runs.push(run);
    else {
      this.runsOf.set(run.block, [run]);
      this.viewport?.observe(run.block);
    }
    return undefined;
  }

  /** Inserts a button after each number of `run`: how many, or a promise while the metadata it needs loads. */
  private match(run: TextRun): number | Promise<unknown> {
    const country = this.country || this.host.country();
    const metadata = metadataForText(run.text, country);
    if (metadata instanceof Promise) return metadata;
    this.matched.add(run);
    this.forget(run.block);
    // Changed since it was read: the change is read again (readChanges).
    if (!isIntact(run)) return 0;
    const numbers = findNumbersInText(run.text, toCountryCode(country, metadata), metadata);
    if (!numbers.length) return 0;
    const inserted = insertButtons(run, numbers, (found, written) => this.button(found, written, run.block));
    const ofBlock = this.buttons.get(run.block);
    if (ofBlock) ofBlock.push(...inserted);
    else this.buttons.set(run.block, inserted);
    return inserted.length;
  }

  /** A button for a number: the one removed from its block a moment ago, if it was for the same text. */
  private button(found: NumberInText, written: string, block: Element): HTMLElement {
    const key = `${found.e164};${found.extension}:${written}`;
    const kept = this.reusable.get(key);
    if (kept) {
      this.reusable.delete(key);
      return kept;
    }
    const messages = this.host.messages(this.host.language(block));
    const label = messages instanceof Promise ? messages.then((loaded) => loaded.callLabel(written)) : messages.callLabel(written);
    const button = scanButton(found, label, this.country);
    this.keys.set(button, key);
    return button;
  }

  /** Waits for the metadata `run` needs, then goes on with it; a run whose metadata cannot load is left. */
  private waitFor(loading: Promise<unknown>, run: TextRun): void {
    this.waiting = true;
    const resume = (ok: boolean) => {
      this.waiting = false;
      if (ok) this.urgent.unshift(run);
      this.schedule();
    };
    loading.then(() => resume(true), () => resume(false));
  }

  /**
   * The observer's first report on each block says whether it is near the viewport: those go first. Every block is
   * then let go, so that the observer does not weigh on each of the page's frames while thousands are queued.
   */
  private nearViewport(entries: IntersectionObserverEntry[]): void {
    for (const { isIntersecting, target } of entries) {
      const runs = this.runsOf.get(target);
      this.forget(target);
      if (isIntersecting && runs) this.urgent.push(...runs);
    }
    this.schedule();
  }

  /** Stops watching `block` for the viewport: its runs are being matched. */
  private forget(block: Element): void {
    if (this.runsOf.delete(block)) this.viewport?.unobserve(block);
  }

  /** The blocks whose text the page changed, and the subtrees it added; the buttons it removed are forgotten. */
  private readChanges(records: MutationRecord[]): void {
    const skippedCache = new Map<Element, boolean>();
    const isLeftAlone = (element: Element | null): boolean => {
      if (!element || element === this.root) return !element;
      let skipped = skippedCache.get(element);
      if (skipped === undefined) skippedCache.set(element, (skipped = this.skipped(element) || isLeftAlone(element.parentElement)));
      return skipped;
    };
    const changedIn = (parent: Node | null) => {
      const block = parent instanceof Element ? blockOf(parent, this.root) : null;
      if (block && !isLeftAlone(block)) this.changed.add(block);
    };
    let removed = false;
    for (const record of records) {
      if (record.type === 'characterData') {
        changedIn(record.target.parentNode);
        continue;
      }
      for (const node of record.addedNodes) {
        if (!(node instanceof Element) || isInline(node)) changedIn(record.target);
        else if (!isLeftAlone(node)) this.reading.push(textRuns(node, this.skipped));
      }
      for (const node of record.removedNodes) {
        removed = true;
        if (!(node instanceof Element) || isInline(node) || node.hasAttribute(SCANNED)) changedIn(record.target);
      }
    }
    if (removed) {
      for (const block of this.buttons.keys()) if (!block.isConnected) this.buttons.delete(block);
    }
  }

  /** Removes the buttons of `block` and reads its own runs again: those with digits are matched first. */
  private readAgain(block: Element): void {
    const inserted = this.buttons.get(block);
    if (inserted) {
      this.buttons.delete(block);
      removeButtons(inserted);
      for (const { button } of inserted) this.reusable.set(this.keys.get(button) ?? '', button);
    }
    if (!block.isConnected) return;
    for (const run of textRuns(block, this.skipped, false)) {
      if (hasDigitRun(run)) this.urgent.push(run);
    }
  }
}
