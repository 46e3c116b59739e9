// The article text of newslens as a Streamlit component (protocol of components.v1, written
// out here so that nothing is fetched): draws the escaped HTML it is given, scrolls to the
// requested mention and steps through the others, and sends back the mention a reader clicks.
"use strict";

const root = document.getElementById("root");
const nav = document.getElementById("nav");
const navLabel = document.getElementById("nav-label");
const navIndex = document.getElementById("nav-index");
const navTotal = document.getElementById("nav-total");
const navUnit = document.getElementById("nav-unit");
const CLICKABLE = "mark.nl-ent, .nl-timex, .nl-quote";

let shownHtml = null;
let focusToken = null;
let anchorCount = 0;
let current = -1;

function send(type, data) {
  window.parent.postMessage(Object.assign({ isStreamlitMessage: true, type: type }, data), "*");
}

function anchorElements(index) {
  return root.querySelectorAll('[data-anchor="' + index + '"]');
}

function markCurrent() {
  root.querySelectorAll(".nl-anchor-now").forEach((el) => el.classList.remove("nl-anchor-now"));
  anchorElements(current).forEach((el) => el.classList.add("nl-anchor-now"));
  navIndex.textContent = String(current + 1);
}

function visibleBand() {
  // The part of this frame the reader can see: [top, bottom) in frame coordinates.
  try {
    const box = window.frameElement.getBoundingClientRect();
    const header = 64; // the app's fixed top bar
    const top = Math.max(0, header - box.top);
    const bottom = Math.min(window.innerHeight, window.parent.innerHeight - box.top);
    return { top: top, bottom: bottom };
  } catch (err) {
    return { top: 0, bottom: window.innerHeight }; // a frame of another origin
  }
}

function scrollToCurrent() {
  const first = anchorElements(current)[0];
  if (!first) return;
  let band = visibleBand();
  // Most of the frame out of sight (the page scrolled, or a phone): bring it into view.
  if (band.bottom - band.top < window.innerHeight * 0.6 && window.frameElement) {
    try {
      window.frameElement.scrollIntoView({ block: "start", behavior: "instant" });
      band = visibleBand();
    } catch (err) {
      /* leave the page alone */
    }
  }
  // Then scroll this frame so the mention sits a third of the way down what is visible.
  const navHeight = nav.hidden ? 0 : nav.offsetHeight;
  const seen = Math.max(band.bottom - band.top - navHeight, 1);
  const wanted = band.top + navHeight + seen / 3;
  const top = first.getBoundingClientRect().top + window.scrollY - wanted;
  window.scrollTo({ top: Math.max(0, top), behavior: "instant" });
}

function step(delta) {
  if (anchorCount === 0) return;
  current = (current + delta + anchorCount) % anchorCount;
  markCurrent();
  scrollToCurrent();
}

function applyTheme(theme) {
  if (!theme) return;
  if (theme.textColor) document.body.style.color = theme.textColor;
  if (theme.font) document.body.style.fontFamily = theme.font;
  document.documentElement.style.colorScheme = theme.base === "dark" ? "dark" : "light";
}

function render(args, theme) {
  applyTheme(theme);
  if (args.html !== shownHtml) {
    const keep = window.scrollY;
    root.innerHTML = args.html; // built and escaped by newslens.render.article_html
    shownHtml = args.html;
    window.scrollTo({ top: keep, behavior: "instant" });
  }
  const focus = args.focus || null;
  anchorCount = focus ? focus.count : 0;
  nav.hidden = anchorCount === 0;
  if (focus) {
    navLabel.textContent = focus.label;
    navTotal.textContent = String(anchorCount);
    navUnit.textContent = focus.unit || "mention";
    if (focus.token !== focusToken) {
      focusToken = focus.token;
      document.body.dataset.focusToken = String(focus.token); // for tests and the speed bench
      current = Math.min(Math.max(focus.index || 0, 0), anchorCount - 1);
      if (focus.scroll) scrollToCurrent();
    }
    markCurrent();
  }
  send("streamlit:setFrameHeight", { height: args.height || 600 });
}

function nthOf(el, selector) {
  return Array.prototype.indexOf.call(root.querySelectorAll(selector), el);
}

root.addEventListener("click", (event) => {
  const el = event.target.closest(CLICKABLE);
  if (!el || !el.closest(".nl-article")) return; // not the legend
  let value = null;
  if (el.matches("mark.nl-ent")) {
    const id = el.dataset.entity;
    const nth = nthOf(el, 'mark.nl-ent[data-entity="' + CSS.escape(id) + '"]');
    value = { kind: "entity", id: id, nth: nth };
  } else if (el.matches(".nl-timex")) {
    value = { kind: "timex", id: el.dataset.timex };
  } else {
    value = { kind: "quote", id: el.dataset.quote };
  }
  root.querySelectorAll(".nl-picked").forEach((e) => e.classList.remove("nl-picked"));
  el.classList.add("nl-picked");
  value.at = Date.now(); // every click is news, even on the same mention
  send("streamlit:setComponentValue", { value: value, dataType: "json" });
});

document.getElementById("nav-prev").addEventListener("click", () => step(-1));
document.getElementById("nav-next").addEventListener("click", () => step(1));

window.addEventListener("message", (event) => {
  const message = event.data;
  if (event.source !== window.parent || !message || message.type !== "streamlit:render") return;
  render(message.args, message.theme);
});

send("streamlit:componentReady", { apiVersion: 1 });
