/**
 * What the page scan (number-scan.ts) leaves alone, and why:
 * - what the user acts on or edits (links, buttons, form controls and options, editable text, interactive ARIA
 *   roles): a button inside another control breaks it; `tel:` links have their own upgrade (tel-links.ts);
 * - what is not prose (scripts, styles, templates, code and its samples, `time` and `data` values, SVG, MathML,
 *   frames, canvases) and what is not shown (`hidden`, `inert`, `aria-hidden="true"`);
 * - what the page opted out (`data-spaces-call="off"`) and buttons already there, ours included;
 * - DOM that a framework renders (React, Vue, Angular, Lit): the framework rewrites its text at its next update,
 *   leaving a button beside a number it no longer shows, and React gives up a root whose nodes were moved.
 * Other components' shadow roots are never entered: the scan walks the light DOM only.
 */

const SKIPPED = [
  'a,button,input,select,textarea,option,optgroup,datalist',
  'script,style,template,noscript,code,pre,kbd,samp,var,time,data,svg,math,iframe,canvas',
  '[hidden],[inert],[aria-hidden="true" i],[contenteditable]:not([contenteditable="false" i])',
  '[data-spaces-call="off" i],spaces-call-button',
].join();

/** The ARIA roles of widgets: their text is a control's, not prose. */
const INTERACTIVE_ROLE =
  /(?:^|\s)(?:button|checkbox|combobox|grid|gridcell|link|listbox|menu|menubar|menuitem|menuitemcheckbox|menuitemradio|option|radio|radiogroup|scrollbar|searchbox|slider|spinbutton|switch|tab|tablist|textbox|tree|treegrid|treeitem)(?:\s|$)/i;

/** Angular's marks (the root's `ng-version`, emulated encapsulation's `_nghost-…`/`_ngcontent-…`), Vue's root's. */
const FRAMEWORK_ATTRIBUTE = /^(?:ng-version|_nghost-|_ngcontent-|data-v-app$)/;
/**
 * The properties frameworks put on the nodes they own: React's root containers and fibers (`_reactRootContainer`,
 * `__reactContainer$…`, `__reactFiber$…`), Vue's app root and vnodes (`__vue_app__`, `__vueParentComponent`, `__vnode`),
 * Angular's (`__ngContext__`) and Lit's render container (`_$litPart$`).
 */
const FRAMEWORK_PROPERTY = /^(?:_reactRootContainer|__react|__vue|__vnode|__ngContext__|_\$litPart\$)/;
/** The comment Lit puts before each part it renders (`<!--?lit$1234$-->`). */
const LIT_MARKER = '?lit$';

/** Whether the scan leaves `element` and everything in it alone. */
export function isSkipped(element: Element): boolean {
  return (
    element.matches(SKIPPED) ||
    INTERACTIVE_ROLE.test(element.getAttribute('role') ?? '') ||
    isFrameworkOwned(element)
  );
}

/** Whether `node` lies in something the scan leaves alone: any of its ancestors, up to the document. */
export function isInSkipped(node: Node): boolean {
  for (let element = node.parentElement; element; element = element.parentElement) {
    if (isSkipped(element)) return true;
  }
  return false;
}

function isFrameworkOwned(element: Element): boolean {
  for (const { name } of element.attributes) if (FRAMEWORK_ATTRIBUTE.test(name)) return true;
  if (Object.getOwnPropertyNames(element).some((name) => FRAMEWORK_PROPERTY.test(name))) return true;
  for (let child = element.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === Node.COMMENT_NODE && (child as Comment).data.startsWith(LIT_MARKER)) return true;
  }
  return false;
}
