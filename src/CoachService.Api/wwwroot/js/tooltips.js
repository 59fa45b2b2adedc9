/*
 * The reasons under highlighted words. One tip shows at a time: the hovered mark's, else the focused mark's. A tip
 * never takes pointer events, so it cannot hide a mark beneath it; instead the pointer's position keeps it open
 * while the pointer is over the tip (so it can be read there) and it closes shortly after the pointer leaves both.
 */

const TOOLTIP_HIDE_DELAY_MS = 200;

const tipState = { mark: null, tip: null, byHover: false, timer: 0, pending: false, pointer: null };

function showTip(mark, tip, byHover) {
  cancelSettle();
  if (tipState.mark !== mark) {
    hideActiveTip();
    mark.classList.add('is-active');
    tipState.mark = mark;
    tipState.tip = tip;
  }
  tipState.byHover = !!byHover;
  tip.hidden = false;
}

export function hideActiveTip() {
  cancelSettle();
  if (tipState.mark) {
    tipState.mark.classList.remove('is-active');
  }
  if (tipState.tip) {
    tipState.tip.hidden = true;
  }
  tipState.mark = null;
  tipState.tip = null;
  tipState.byHover = false;
}

function containsPoint(rects, point, slack) {
  for (let i = 0; i < rects.length; i++) {
    const r = rects[i];
    if (point.x >= r.left - slack && point.x <= r.right + slack && point.y >= r.top - slack && point.y <= r.bottom + slack) {
      return true;
    }
  }
  return false;
}

/** Whether the pointer is over the shown tip or its mark. */
function pointerOverActive() {
  const point = tipState.pointer;
  if (!point || !tipState.tip || tipState.tip.hidden) {
    return false;
  }
  return containsPoint([tipState.tip.getBoundingClientRect()], point, 2) ||
    containsPoint(tipState.mark.getClientRects(), point, 2);
}

/** After the pointer leaves, keep showing the focused mark's tip if there is one. */
function settleTips() {
  tipState.pending = false;
  if (tipState.byHover && pointerOverActive()) {
    return;
  }
  const focused = document.activeElement;
  if (focused && focused.matches && focused.matches('mark.blame') && focused.tipElement) {
    showTip(focused, focused.tipElement, false);
  } else {
    hideActiveTip();
  }
}

function scheduleSettle() {
  cancelSettle();
  tipState.pending = true;
  tipState.timer = window.setTimeout(settleTips, TOOLTIP_HIDE_DELAY_MS);
}

function cancelSettle() {
  window.clearTimeout(tipState.timer);
  tipState.pending = false;
}

function onPointerMove(event) {
  tipState.pointer = { x: event.clientX, y: event.clientY };
  if (!tipState.tip || !tipState.byHover) {
    return;
  }
  if (pointerOverActive()) {
    cancelSettle();
  } else if (!tipState.pending) {
    scheduleSettle();
  }
}

/** Shows the tip while its mark is hovered or focused. */
export function wireTooltip(mark, tip) {
  mark.tipElement = tip;
  mark.addEventListener('mouseenter', (event) => {
    tipState.pointer = { x: event.clientX, y: event.clientY };
    showTip(mark, tip, true);
  });
  mark.addEventListener('mouseleave', scheduleSettle);
  mark.addEventListener('focus', () => {
    // Focus shows this mark's tip unless the pointer is reading another one.
    if (!(tipState.byHover && tipState.mark !== mark && pointerOverActive())) {
      showTip(mark, tip, false);
    }
  });
  mark.addEventListener('blur', () => {
    if (tipState.mark === mark && !(tipState.byHover && pointerOverActive())) {
      hideActiveTip();
    }
  });
}

/** Escape closes the shown tip; the pointer's position is followed for the tips. */
export function installTooltips() {
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && tipState.tip) {
      hideActiveTip();
    }
  });
  document.addEventListener('mousemove', onPointerMove, { passive: true });
}
