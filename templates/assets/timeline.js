/* Timeline pages: filter by entity/tag/word and newest-first order.
 * Progressive enhancement: without JavaScript the controls stay hidden and
 * the page shows every event, oldest first. No dependencies, no network. */
(function () {
  "use strict";

  function setup(root) {
    var form = root.querySelector(".tl-controls");
    var input = root.querySelector(".tl-input");
    var orderButton = root.querySelector(".tl-order");
    var status = root.querySelector(".tl-status");
    var empty = root.querySelector(".tl-empty");
    var entries = Array.prototype.slice.call(root.querySelectorAll(".tl-entry"));
    if (!form || !input || !entries.length) return;
    form.hidden = false;

    var total = entries.length;
    var words = entries.map(function (li) {
      var text = li.querySelector(".tl-text");
      return ((li.getAttribute("data-terms") || "") + "|" + (text ? text.textContent : "")).toLowerCase();
    });

    function updateUrl(query, newest) {
      if (!window.history || !window.history.replaceState) return;
      var params = new URLSearchParams(window.location.search);
      if (query) params.set("filter", query); else params.delete("filter");
      if (newest) params.set("order", "newest"); else params.delete("order");
      var search = params.toString();
      window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
    }

    function apply() {
      var query = input.value.trim();
      var needle = query.toLowerCase();
      // at the start of a word: "us" finds "US", not "Russia" or "because"
      var pattern = needle && new RegExp("(^|[^\\p{L}\\p{N}])" + needle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "u");
      var shown = 0;
      entries.forEach(function (li, i) {
        var match = !needle || pattern.test(words[i]);
        li.hidden = !match;
        if (match) shown += 1;
      });
      root.querySelectorAll(".tl-group, .tl-year").forEach(function (group) {
        group.hidden = !group.querySelector(".tl-entry:not([hidden])");
      });
      if (empty) empty.hidden = shown !== 0;
      status.textContent = needle
        ? shown + " of " + total + (total === 1 ? " event matches" : " events match") + " \u201c" + query + "\u201d. Press Escape to show all."
        : total + (total === 1 ? " event" : " events");
      updateUrl(query, orderButton && orderButton.getAttribute("aria-pressed") === "true");
    }

    function setOrder(newest) {
      var current = orderButton.getAttribute("aria-pressed") === "true";
      if (current !== newest) {
        root.querySelectorAll(".tl-years, .tl-groups, .tl-entries").forEach(function (list) {
          Array.prototype.slice.call(list.children).reverse().forEach(function (child) {
            list.appendChild(child);
          });
        });
      }
      orderButton.setAttribute("aria-pressed", newest ? "true" : "false");
      orderButton.textContent = newest ? "Oldest first" : "Newest first";
    }

    var timer = null;
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(apply, 80);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { input.value = ""; apply(); }
      if (event.key === "Enter") { event.preventDefault(); window.clearTimeout(timer); apply(); }
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    root.addEventListener("click", function (event) {
      var chip = event.target.closest("a[data-term]");
      var clear = event.target.closest(".tl-clear");
      if (chip) {
        event.preventDefault();
        input.value = chip.getAttribute("data-term");
        apply();
        input.focus();
      } else if (clear) {
        input.value = "";
        apply();
        input.focus();
      }
    });
    if (orderButton) {
      orderButton.addEventListener("click", function () {
        setOrder(orderButton.getAttribute("aria-pressed") !== "true");
        apply();
      });
    }

    var params = new URLSearchParams(window.location.search);
    if (params.get("filter")) input.value = params.get("filter");
    if (orderButton && params.get("order") === "newest") setOrder(true);
    apply();
  }

  // Permalinks survive pagination: an entry that is not on this page (an
  // old link to timeline/#<id>) is looked up in the permalink map, one small
  // bucket of ids/<n>.json, and the reader is taken to the page that has it.
  function fnv1a(text) {
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  function followPermalink(root) {
    var hash = window.location.hash.slice(1);
    if (!hash || !window.fetch || !window.URL) return;
    var id;
    try { id = decodeURIComponent(hash); } catch (e) { id = hash; }
    if (document.getElementById(id)) return;
    var ids = root.getAttribute("data-tl-ids");
    var buckets = parseInt(root.getAttribute("data-tl-buckets"), 10);
    var top = root.getAttribute("data-tl-root");
    if (!ids || !buckets || top === null) return;
    window.fetch(ids + (fnv1a(id) % buckets) + ".json")
      .then(function (response) { return response.ok ? response.json() : {}; })
      .then(function (map) {
        if (!Object.prototype.hasOwnProperty.call(map, id)) return;
        var target = new URL(map[id], new URL(top, window.location.href));
        target.hash = hash;
        if (target.pathname !== window.location.pathname) window.location.replace(target.href);
      })
      .catch(function () {});
  }

  function init() {
    var roots = document.querySelectorAll("[data-tl-timeline]");
    roots.forEach(setup);
    if (roots.length) followPermalink(roots[0]);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
