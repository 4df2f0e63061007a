"""The review packet's one inline script: it keeps the mentor's work in the browser and builds the reply file.

Everything it reads comes from the page itself: the form controls and the `packet-data` JSON
block. It fetches nothing (the page's Content-Security-Policy would refuse it anyway) and writes
nothing but `localStorage` and the downloaded file. The page allows this exact text by its
SHA-256 hash, so any change here changes the hash written into the packet, never by hand.
"""

SCRIPT = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("packet-data").textContent);
  var KEY = "debrief-review-" + data.packet;
  var form = document.getElementById("review");
  var mentorInput = document.getElementById("mentor-name");
  var saveNote = document.getElementById("save-state");
  var doneNote = document.getElementById("download-state");

  function byId(id) { return document.getElementById(id); }
  function oneLine(text) { return text.replace(/\s+/g, " ").trim(); }
  function actionsOf(text) {
    return text.split(/\r?\n/).map(function (line) { return line.trim(); })
      .filter(function (line) { return line.length > 0; });
  }

  function collect() {
    var state = {mentor: mentorInput.value, interviews: {}};
    data.interviews.forEach(function (item, n) {
      var picked = {};
      data.dimensions.forEach(function (d) {
        var checked = form.querySelector('input[name="s-' + n + "-" + d + '"]:checked');
        picked[d] = checked ? checked.value : "";
      });
      state.interviews[item.uid] = {picked: picked, comment: byId("comment-" + n).value,
                                    actions: byId("actions-" + n).value};
    });
    return state;
  }

  function apply(state) {
    if (typeof state.mentor === "string") { mentorInput.value = state.mentor; }
    data.interviews.forEach(function (item, n) {
      var saved = state.interviews && state.interviews[item.uid];
      if (!saved) { return; }
      data.dimensions.forEach(function (d) {
        var value = saved.picked && saved.picked[d];
        var input = value ? byId("s-" + n + "-" + d + "-" + value) : null;
        if (input) { input.checked = true; }
      });
      if (typeof saved.comment === "string") { byId("comment-" + n).value = saved.comment; }
      if (typeof saved.actions === "string") { byId("actions-" + n).value = saved.actions; }
    });
  }

  function reviewed(entry) {
    var any = Object.keys(entry.picked).some(function (d) { return entry.picked[d] !== ""; });
    return any || entry.comment.trim() !== "" || actionsOf(entry.actions).length > 0;
  }

  function showProblem(id, message) {
    var where = byId(id);
    where.textContent = message;
    where.hidden = !message;
  }

  function check(state) {
    var first = null;
    function problem(id, field, message) {
      showProblem(id, message);
      if (message && !first) { first = field; }
    }
    var name = oneLine(state.mentor);
    var tooLong = "Your name is too long (at most " + data.limits.mentor + " characters).";
    problem("mentor-problem", mentorInput, !name ? "Type your name, so the candidate knows whose review it is."
      : name.length > data.limits.mentor ? tooLong : "");
    data.interviews.forEach(function (item, n) {
      var entry = state.interviews[item.uid];
      var actions = actionsOf(entry.actions);
      var long = actions.filter(function (a) { return a.length > data.limits.action; }).length;
      problem("comment-" + n + "-problem", byId("comment-" + n), entry.comment.length > data.limits.comment
        ? "The comment is too long (at most " + data.limits.comment + " characters)." : "");
      problem("actions-" + n + "-problem", byId("actions-" + n), actions.length > data.limits.actions
        ? "At most " + data.limits.actions + " actions: this list has " + actions.length + "."
        : long ? "Each action has at most " + data.limits.action + " characters: shorten " + long + " of them." : "");
    });
    return first;
  }

  function update() {
    var state = collect();
    var count = 0;
    data.interviews.forEach(function (item, n) {
      var done = reviewed(state.interviews[item.uid]);
      if (done) { count += 1; }
      byId("status-" + n).textContent = done ? "Reviewed" : "Not reviewed yet";
      byId("status-" + n).className = done ? "status done" : "status";
    });
    byId("progress").textContent = count + " of " + data.interviews.length + " interviews reviewed";
    return state;
  }

  function save(state) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(state));
      saveNote.textContent = "Your work is kept in this browser as you go: you can close this page and come back.";
    } catch (e) {
      saveNote.textContent = "This browser does not let the page keep your work: download your review before you "
        + "close it.";
    }
  }

  function restore() {
    var text = null;
    try { text = window.localStorage.getItem(KEY); } catch (e) { text = null; }
    if (!text) { return false; }
    try { apply(JSON.parse(text)); } catch (e) { return false; }
    return true;
  }

  function pad(number) { return String(number).padStart(2, "0"); }
  function localTime(d) {
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + "T"
      + pad(d.getHours()) + ":" + pad(d.getMinutes()) + ":" + pad(d.getSeconds());
  }
  function slug(text) {
    var plain = text.normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase().replace(/'/g, "");
    return plain.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40).replace(/-+$/, "") || "mentor";
  }

  function reply(state, now) {
    return {
      format: data.format, version: data.version, packet: data.packet, mentor: oneLine(state.mentor),
      written_at: localTime(now),
      interviews: data.interviews.map(function (item) {
        var entry = state.interviews[item.uid];
        var scores = {};
        data.dimensions.forEach(function (d) {
          var value = entry.picked[d];
          scores[d] = value && value !== "unsure" ? parseInt(value, 10) : null;
        });
        return {uid: item.uid, company: item.company, role: item.role, interview_at: item.interview_at,
                scores: scores, comment: entry.comment.trim(), actions: actionsOf(entry.actions)};
      })
    };
  }

  function download() {
    var state = update();
    var wrong = check(state);
    if (wrong) {
      doneNote.textContent = "Nothing was saved yet: fix what is marked, then download again.";
      wrong.focus();
      return;
    }
    var now = new Date();
    var body = JSON.stringify(reply(state, now), null, 2) + "\n";
    var name = "review-" + slug(oneLine(state.mentor)) + "-" + localTime(now).slice(0, 10) + ".json";
    var url = URL.createObjectURL(new Blob([body], {type: "application/json"}));
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    doneNote.textContent = "Saved as " + name + ". Email that file back to " + data.candidate + ".";
  }

  function startOver() {
    if (!window.confirm("Clear everything you filled in on this page? This cannot be undone.")) { return; }
    try { window.localStorage.removeItem(KEY); } catch (e) { /* nothing was kept */ }
    form.reset();
    doneNote.textContent = "";
    check(update());
    save(collect());
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("input", function () { save(update()); });
  form.addEventListener("change", function () { save(update()); });
  byId("download").addEventListener("click", download);
  byId("start-over").addEventListener("click", startOver);
  document.documentElement.classList.add("scripted");
  var restored = restore();
  save(update());
  if (restored) {
    saveNote.textContent = "Your work so far is back: it was kept in this browser. " + saveNote.textContent;
  }
})();
"""
