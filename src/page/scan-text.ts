/**
 * The text of a page as the scan reads it: in runs, each the Text nodes that read as one line of a block, through the
 * inline tags that only format it (`<b>(213)</b> 373-4253` is one run, "(213) 373-4253"). A block, a `<br>`, or
 * anything the scan skips ends a run. Offsets in a run's text lead back to its nodes (`positionOf`).
 */

/** Tags that format text within a line: their text joins the run around them. Any other element ends the run. */
const INLINE = new Set(['abbr', 'b', 'bdi', 'bdo', 'big', 'cite', 'del', 'dfn', 'em', 'font', 'i', 'ins', 'mark', 'nobr', 'q', 's', 'small', 'span', 'strong', 'sub', 'sup', 'tt', 'u']);

export interface TextRun {
  /** The nearest element around the run that is not an inline tag: where its nodes' changes are looked for. */
  block: Element;
  nodes: Text[];
  /** Where each node's text starts in `text`. */
  starts: number[];
  text: string;
}

/**
 * The runs in `block`, in document order, leaving out every element `skipped` says. `deep`: with the runs of the
 * blocks inside it too (a region's first scan, an added subtree); otherwise its own only (its text changed).
 * A generator, so that a long page is read in slices.
 */
export function* textRuns(block: Element, skipped: (element: Element) => boolean, deep = true): Generator<TextRun, void> {
  let run = emptyRun(block);
  const next: (ChildNode | null)[] = [block.firstChild];
  while (next.length) {
    const node = next.pop();
    if (!node) continue;
    next.push(node.nextSibling);
    if (node.nodeType === Node.TEXT_NODE) {
      run.starts.push(run.text.length);
      run.nodes.push(node as Text);
      run.text += (node as Text).data;
    } else if (node.nodeType === Node.ELEMENT_NODE) {
      const element = node as Element;
      const isSkipped = skipped(element);
      if (!isSkipped && INLINE.has(element.localName)) {
        next.push(element.firstChild);
        continue;
      }
      if (run.nodes.length) yield run;
      run = emptyRun(block);
      if (deep && !isSkipped) yield* textRuns(element, skipped);
    }
  }
  if (run.nodes.length) yield run;
}

/** The block whose runs hold the children of `parent`: itself, or its nearest ancestor that is not an inline tag; `root` at the most. */
export function blockOf(parent: Element, root: Element): Element | null {
  let element: Element | null = parent;
  while (element && element !== root && INLINE.has(element.localName)) element = element.parentElement;
  return element;
}

/** Whether `element` is an inline tag, whose text is part of its block's runs. */
export const isInline = (element: Element): boolean => INLINE.has(element.localName);

/** The node of `run` where the text before `offset` ends (`offset` > 0), and the offset in that node. */
export function positionOf(run: TextRun, offset: number): { node: Text; offset: number } {
  let index = run.starts.length - 1;
  while (index > 0 && run.starts[index] >= offset) index--;
  return { node: run.nodes[index], offset: offset - run.starts[index] };
}

/** Whether the run's nodes are still where and what they were when it was read. */
export function isIntact(run: TextRun): boolean {
  return run.nodes.every((node, index) => node.isConnected && node.data === run.text.slice(run.starts[index], run.starts[index + 1]));
}

const emptyRun = (block: Element): TextRun => ({ block, nodes: [], starts: [], text: '' });
