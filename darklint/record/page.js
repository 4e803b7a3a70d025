// darklint's recorder, inside the page: reports each click on a way on (a button or a link)
// with the page state it was taken from, as the customer saw it. Runs before the page's own
// scripts (an init script), so tick boxes are remembered as the page served them, before any
// test touched them. Reads only the DOM and computed styles; changes nothing on the page.
(() => {
  if (window.__darklintInstalled) return;
  window.__darklintInstalled = true;

  const WAYS = 'a[href], button, [role="button"], [role="link"], input[type="submit"], input[type="button"]';
  const TICKS = 'input[type="checkbox"]';
  const initial = new WeakMap();
  let sequence = 0;

  const words = (s) => (s || "").replace(/\s+/g, " ").trim();

  function remember() {
    for (const box of document.querySelectorAll(TICKS)) {
      if (!initial.has(box)) initial.set(box, box.checked);
    }
  }
  document.addEventListener("DOMContentLoaded", remember, true);
  new MutationObserver(remember).observe(document, { childList: true, subtree: true });

  function scope() {
    return document.querySelector("main, [role='main']") || document.body;
  }

  // Site navigation is not part of a flow: outside main, or in header, nav and footer.
  function inChrome(el) {
    const main = document.querySelector("main, [role='main']");
    return main ? !main.contains(el) : Boolean(el.closest("header, nav, footer"));
  }

  function shown(el) {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility !== "hidden" &&
      style.display !== "none" && parseFloat(style.opacity) > 0.05;
  }

  // The accessible name, as assistive technology computes it for common markup.
  function accessibleName(el) {
    const label = el.getAttribute("aria-label");
    if (words(label)) return words(label);
    const by = el.getAttribute("aria-labelledby");
    if (by) {
      const text = by.split(/\s+/).map((id) => document.getElementById(id))
        .filter(Boolean).map((n) => n.textContent).join(" ");
      if (words(text)) return words(text);
    }
    if (el.labels && el.labels.length) {
      return words([...el.labels].map((l) => l.textContent).join(" "));
    }
    if (el.tagName === "INPUT" && ["submit", "button", "reset"].includes(el.type)) {
      return words(el.value);
    }
    return words(el.innerText || el.textContent) ||
      words(el.getAttribute("title") || el.getAttribute("alt"));
  }

  function roleOf(el) {
    const explicit = el.getAttribute("role");
    if (explicit) return explicit;
    if (el.tagName === "A") return "link";
    if (el.tagName === "INPUT" && el.type === "checkbox") return "checkbox";
    return "button";
  }

  function rgba(colour) {
    const parts = (colour.match(/[\d.]+/g) || []).map(Number);
    if (parts.length < 3) return [0, 0, 0, 0];
    return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
  }

  function backdrop(el) {
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const colour = rgba(getComputedStyle(node).backgroundColor);
      if (colour[3] > 0.5) return colour;
    }
    return [255, 255, 255, 1];
  }

  function luminance([r, g, b]) {
    const channel = (v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  }

  function contrast(a, b) {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  }

  // How prominent a way on is: a filled button (primary), an outlined or pale one
  // (secondary), text alone (link), or something a customer can hardly see (hidden).
  function emphasis(el) {
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    const around = backdrop(el.parentElement);
    if (!shown(el) || box.width < 8 || box.height < 8 || parseFloat(style.fontSize) < 9 ||
        contrast(rgba(style.color), backdrop(el)) < 1.5) {
      return "hidden";
    }
    const fill = rgba(style.backgroundColor);
    if (fill[3] > 0.5 && contrast(fill, around) >= 1.5) return "primary";
    const border = parseFloat(style.borderTopWidth) > 0 && style.borderTopStyle !== "none" &&
      rgba(style.borderTopColor)[3] > 0.3;
    if (border || (fill[3] > 0.5 && contrast(fill, around) > 1.05)) return "secondary";
    return "link";
  }

  function countdown() {
    for (const el of scope().querySelectorAll('[role="timer"]')) {
      const match = words(el.textContent).match(/(\d+):(\d{2})(?::(\d{2}))?/);
      if (!match) continue;
      const [a, b, c] = [match[1], match[2], match[3]].map((v) => (v ? Number(v) : null));
      return c === null ? a * 60 + b : a * 3600 + b * 60 + c;
    }
    return null;
  }

  function paysHere(root) {
    if (root.querySelector('input[autocomplete^="cc-"]')) return true;
    const card = /card.?number|cvc|cvv|security code|expir/i;
    return [...root.querySelectorAll("input")].some((input) =>
      card.test([input.name, input.id, input.placeholder, accessibleName(input)].join(" ")));
  }

  // The words of a block of copy, without the controls and labels inside it.
  function prose(el) {
    const copy = el.cloneNode(true);
    for (const inner of copy.querySelectorAll("button, a, label, input, select, textarea, [role='timer']")) {
      inner.remove();
    }
    return words(copy.textContent);
  }

  function state() {
    const root = scope();
    const heading = [...root.querySelectorAll("h1, h2")].find(shown);
    const copy = [...root.querySelectorAll("h1, h2, h3, p, [role='alert']")]
      .filter((el) => shown(el) && !el.closest("button, a, label, [role='timer']"))
      .map(prose).filter(Boolean)
      .map((line) => (/[.!?:;]$/.test(line) ? line : line + "."));
    const ways = [...root.querySelectorAll(WAYS)].filter((el) => !inChrome(el))
      .map((el) => ({ name: accessibleName(el), role: roleOf(el), emphasis: emphasis(el) }))
      .filter((way) => way.name);
    const options = [...root.querySelectorAll(TICKS)].map((box) => ({
      label: accessibleName(box),
      prechecked: initial.has(box) ? initial.get(box) : box.defaultChecked,
    })).filter((option) => option.label);
    return {
      path: location.pathname,
      heading: heading ? words(heading.textContent) : "",
      text: copy.join(" ").slice(0, 2000),
      ways,
      options,
      payment: paysHere(root),
      timer: countdown(),
    };
  }

  window.__darklintState = state;

  function report(el) {
    const send = window.__darklintRecord;
    if (typeof send !== "function") return;
    sequence += 1;
    send({ name: accessibleName(el), role: roleOf(el), emphasis: emphasis(el),
           state: state(), sequence, at: Date.now() });
  }

  let lastClick = 0;
  addEventListener("click", (event) => {
    const el = event.target instanceof Element && event.target.closest(WAYS);
    if (!el || inChrome(el)) return; // ticking a box or typing is part of the step
    lastClick = Date.now();
    report(el);
  }, true);
  addEventListener("submit", (event) => {
    if (Date.now() - lastClick < 100) return; // the click on its button was reported
    report(event.submitter || event.target);
  }, true);
})();
