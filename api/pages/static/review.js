/* The review page: marks each suggested quote in the article (span, cue, speaker) and lets an
   editor accept it (POST /v1/quotes with their token), change its speaker, or dismiss it. */
(function () {
  "use strict";
  var TOKEN_KEY = "stances-editor-token";
  var root = document.getElementById("review");
  var article = document.getElementById("article");
  var list = document.getElementById("suggestions");
  var listState = document.getElementById("suggestions-state");
  var announce = document.getElementById("announce");
  var tokenInput = document.getElementById("token");
  var tokenState = document.getElementById("token-state");
  var sourceId = root.dataset.sourceId;
  var chars = [];  // the source text as code points: the spans count code points, not UTF-16
  var suggestions = [];

  function say(message) { announce.textContent = message; }
  function el(tag, props, children) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (key) {
      if (key === "text") node.textContent = props[key];
      else if (key === "className") node.className = props[key];
      else node.setAttribute(key, props[key]);
    });
    (children || []).forEach(function (child) { if (child) node.append(child); });
    return node;
  }

  // The token lives in sessionStorage only: gone when the tab closes, never in a cookie.
  function token() { return sessionStorage.getItem(TOKEN_KEY); }
  function showTokenState() {
    tokenState.textContent = token()
      ? "A token is kept for this tab; it is sent only to this service, with each accept."
      : "No token yet: enter one to accept suggestions. It stays in this tab only.";
  }
  document.getElementById("token-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var value = tokenInput.value.trim();
    if (!value) { say("Enter a token first."); tokenInput.focus(); return; }
    sessionStorage.setItem(TOKEN_KEY, value);
    tokenInput.value = "";
    showTokenState();
    say("Token kept for this tab. You can accept suggestions now.");
  });
  document.getElementById("forget-token").addEventListener("click", function () {
    sessionStorage.removeItem(TOKEN_KEY);
    showTokenState();
    say("Token forgotten.");
  });

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (response) {
      if (!response.ok) throw new Error(url + " answered " + response.status);
      return response.json();
    });
  }

  function marksOf() {
    var marks = [];
    suggestions.forEach(function (s) {
      if (s.status === "dismissed") return;
      var q = s.data;
      marks.push({ start: q.start, end: q.end, kind: "quote", s: s, depth: 0 });
      if (q.speaker) marks.push({ start: q.speaker.start, end: q.speaker.end, kind: "speaker", s: s, depth: 1 });
      if (q.cue) marks.push({ start: q.cue.start, end: q.cue.end, kind: "cue", s: s, depth: 2 });
    });
    return marks;
  }

  function renderArticle() {
    var marks = marksOf();
    var cuts = new Set([0, chars.length]);
    marks.forEach(function (m) { cuts.add(m.start); cuts.add(m.end); });
    chars.forEach(function (c, i) { if (c === "\n") { cuts.add(i); cuts.add(i + 1); } });
    var points = Array.from(cuts).sort(function (a, b) { return a - b; });
    var anchored = new Set();
    var paragraph = el("p");
    article.replaceChildren();
    for (var k = 0; k + 1 < points.length; k++) {
      var a = points[k], b = points[k + 1];
      var text = chars.slice(a, b).join("");
      if (text === "\n") {
        if (paragraph.childNodes.length) article.append(paragraph);
        paragraph = el("p");
        continue;
      }
      var node = document.createTextNode(text);
      var covering = marks.filter(function (m) { return m.start <= a && b <= m.end; });
      covering.sort(function (x, y) { return y.depth - x.depth; });  // innermost first
      covering.forEach(function (m) {
        var mark = el("mark", { className: "mark-" + m.kind + (m.s.status === "recorded" ? " recorded" : "") });
        if (m.kind === "quote" && !anchored.has(m.s.index)) {
          anchored.add(m.s.index);
          mark.id = "sugg-" + m.s.index + "-text";
          mark.tabIndex = -1;  // "Show in article" moves the focus here
        }
        mark.append(node);
        node = mark;
      });
      paragraph.append(node);
    }
    if (paragraph.childNodes.length) article.append(paragraph);
  }

  function statusText(s) {
    if (s.status === "recorded") return "recorded as quote " + s.quoteId;
    if (s.status === "dismissed") return "dismissed";
    return "suggested";
  }

  function speakerText(q) {
    if (!q.speaker) return "none found";
    var who = q.speaker.actor
      ? q.speaker.actor.name
      : (q.speaker.name || q.speaker.text) + ", not an actor on record";
    return "“" + q.speaker.text + "”: " + who;
  }

  function describe(answer) {
    if (answer.status === 401) return "The token was refused (401): check it, or ask for a new one.";
    var body = answer.body || {};
    var parts = [(body.title || "Error") + " (" + answer.status + ")"];
    if (body.detail) parts.push(body.detail);
    (body.errors || []).forEach(function (e) { parts.push((e.field || e.pointer || "") + ": " + e.detail); });
    return parts.join(" — ");
  }

  function item(s) {
    var n = s.index + 1, q = s.data;
    var heading = el("h3", { tabindex: "-1" }, [
      "Suggestion " + n + " ", el("span", { className: "status", text: "· " + statusText(s) }),
    ]);
    var details = el("dl", {}, [
      el("dt", { text: "Speaker" }), el("dd", { text: speakerText(q) }),
      el("dt", { text: "Cue" }), el("dd", { text: q.cue ? "“" + q.cue.text + "”" : "none found" }),
      el("dt", { text: "Kind" }), el("dd", { text: q.kind }),
      el("dt", { text: "Confidence" }), el("dd", { text: Math.round(q.confidence * 100) + "%" }),
    ]);
    var actions = el("div", { className: "actions" });
    var show = el("a", { href: "#sugg-" + s.index + "-text", text: "Show in article" });
    if (s.status === "suggested") {
      var select = el("select", { id: "speaker-" + s.index });
      var suggested = q.speaker && q.speaker.actor ? q.speaker.actor.name : "no actor";
      select.append(el("option", { value: "", text: "As suggested (" + suggested + ")" }));
      select.append(document.getElementById("speaker-choices").content.cloneNode(true));
      var accept = el("button", { type: "button", className: "primary", "data-action": "accept", text: "Accept" });
      var dismiss = el("button", { type: "button", "data-action": "dismiss", text: "Dismiss" });
      accept.addEventListener("click", function () { acceptSuggestion(s, select, accept); });
      dismiss.addEventListener("click", function () { setStatus(s, "dismissed", "undo"); say("Suggestion " + n + " dismissed."); });
      actions.append(el("label", { for: select.id, text: "Speaker to record" }), select, accept, dismiss, show);
    } else if (s.status === "recorded") {
      actions.append(el("a", { href: "/v1/quotes/" + encodeURIComponent(s.quoteId), text: "The recorded quote (JSON)" }), show);
    } else {
      var undo = el("button", { type: "button", "data-action": "undo", text: "Undo dismiss" });
      undo.addEventListener("click", function () { setStatus(s, "suggested", "heading"); say("Suggestion " + n + " restored."); });
      actions.append(undo);
    }
    var li = el("li", { id: "sugg-" + s.index, className: "suggestion " + s.status }, [
      heading, el("blockquote", {}, [el("p", { text: q.text })]), details, actions,
    ]);
    if (s.error) li.append(el("p", { className: "error", text: s.error }));
    return li;
  }

  function update(s, focus) {
    var fresh = item(s);
    document.getElementById("sugg-" + s.index).replaceWith(fresh);
    var target = focus === "heading" ? fresh.querySelector("h3")
      : fresh.querySelector('[data-action="' + focus + '"]');
    if (target) target.focus();
  }

  function showCounts() {
    var count = function (status) {
      return suggestions.filter(function (s) { return s.status === status; }).length;
    };
    listState.textContent = suggestions.length + " suggestions: " + count("suggested")
      + " to review, " + count("recorded") + " recorded, " + count("dismissed") + " dismissed.";
  }

  function setStatus(s, status, focus) {
    s.status = status;
    s.error = null;
    showCounts();
    renderArticle();
    update(s, focus);
  }

  function acceptSuggestion(s, select, button) {
    var t = token();
    if (!t) { say("Enter your editor token first."); tokenInput.focus(); return; }
    // The suggestion unchanged, with its source: the service derives the id and the date.
    var body = Object.assign({}, s.data, { source: sourceId });
    if (select.value) body.speaker = select.value;
    button.disabled = true;
    fetch(root.dataset.quotesUrl, {
      method: "POST",
      headers: { Authorization: "Bearer " + t, "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
    }).then(function (response) {
      return response.json().catch(function () { return null; }).then(function (json) {
        return { status: response.status, body: json };
      });
    }).then(function (answer) {
      if (answer.status === 201) {
        s.quoteId = answer.body.id;
        setStatus(s, "recorded", "heading");
        say("Suggestion " + (s.index + 1) + " recorded as quote " + s.quoteId + ".");
      } else {
        s.error = describe(answer);
        update(s, "accept");
        say(s.error);
      }
    }, function (error) {
      s.error = "The service could not be reached: " + error.message;
      update(s, "accept");
      say(s.error);
    });
  }

  showTokenState();
  Promise.all([getJSON(root.dataset.sourceUrl), getJSON(root.dataset.suggestionsUrl)])
    .then(function (answers) {
      chars = Array.from(answers[0].text);
      suggestions = answers[1].quotes.map(function (q, i) {
        return { data: q, index: i, status: q.quote_id ? "recorded" : "suggested", quoteId: q.quote_id, error: null };
      });
      showCounts();
      renderArticle();
      suggestions.forEach(function (s) { list.append(item(s)); });
    })
    .catch(function (error) {
      listState.textContent = "The suggestions could not be loaded (" + error.message + ").";
    });
})();
