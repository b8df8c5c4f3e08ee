/**
 * At most `max` calls being placed on a page at once (default 1), so that a user who clicks
 * down a list does not fire several calls. Shared by every copy of the script on the page.
 */
interface GateState {
  placing: number;
}

const GATE_KEY = Symbol.for('spaces-call-button.call-gate');
const gate: GateState = ((globalThis as { [GATE_KEY]?: GateState })[GATE_KEY] ??= { placing: 0 });

/**
 * Takes a place for one call; returns the function that gives it back (idempotent), or
 * `undefined` when `max` calls are being placed already. `max` 0 means no limit.
 */
export function enterCallGate(max: number): (() => void) | undefined {
  if (max > 0 && gate.placing >= max) return undefined;
  gate.placing++;
  let left = false;
  return () => {
    if (left) return;
    left = true;
    gate.placing--;
  };
}
