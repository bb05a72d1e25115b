/* The pipeline board: drag a card to another column, or pick a stage in the card's "Move to…"
   form. Moving back first asks for a reason. The server decides (stage gates, stale versions)
   and answers with the refreshed board body, which replaces the current one, so an accepted card
   sits in its new column with new totals and a refused one is back where it was. */
(function () {
  "use strict";

  var dragged = null;
  var pending = null;

  function boardBody() {
    return document.getElementById("board-body");
  }

  function closest(node, selector) {
    return node && node.closest ? node.closest(selector) : null;
  }

  function showOutcome(template) {
    var body = boardBody();
    var old = document.getElementById("board-outcome");
    if (old) old.remove();
    var node = template.content.firstElementChild.cloneNode(true);
    node.id = "board-outcome";
    body.prepend(node);
  }

  function send(form) {
    var body = boardBody();
    body.setAttribute("aria-busy", "true");
    return fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "X-Board-Move": "1" },
      credentials: "same-origin",
    })
      .then(function (response) {
        // 200 moved, 409 refused or stale, 400 bad input: each answers with the board body.
        if (!response.ok && response.status !== 409 && response.status !== 400) {
          throw new Error("move failed: " + response.status);
        }
        return response.text().then(function (html) {
          if (!html.trim()) throw new Error("empty answer");
          pending = null;
          body.innerHTML = html;
          if (window.htmx) window.htmx.process(body);
        });
      })
      .catch(function () {
        showOutcome(document.getElementById("board-move-failed"));
        placeBack();
      })
      .finally(function () {
        body.removeAttribute("aria-busy");
      });
  }

  function askReason(card, stageName) {
    var dialog = document.getElementById("board-reason");
    var text = dialog.querySelector("textarea");
    dialog.querySelector("[data-slot=card]").textContent = card.dataset.name;
    dialog.querySelector("[data-slot=stage]").textContent = stageName;
    text.value = "";
    dialog.returnValue = "";
    return new Promise(function (resolve) {
      dialog.addEventListener(
        "close",
        function () {
          resolve(dialog.returnValue === "move" ? text.value : null);
        },
        { once: true }
      );
      dialog.showModal();
      text.focus();
    });
  }

  function columnFor(stageId) {
    return document.querySelector('.board-column[data-stage="' + stageId + '"]');
  }

  /* Show the card in the target column while the server decides; remember where it was. */
  function placeTentatively(card, stageId) {
    var column = columnFor(stageId);
    if (!column) return;
    pending = { card: card, list: card.parentNode, next: card.nextSibling };
    card.classList.add("is-pending");
    column.querySelector(".board-cards").prepend(card);
  }

  /* The server never answered: the card goes back where it was. */
  function placeBack() {
    if (!pending) return;
    pending.list.insertBefore(pending.card, pending.next);
    pending.card.classList.remove("is-pending");
    pending = null;
  }

  function move(card, stageId) {
    var form = card.querySelector(".card-move-form");
    var option = form.querySelector('select[name=stage] option[value="' + stageId + '"]');
    if (!option) return;
    var target = Number(option.dataset.number);
    var current = Number(card.dataset.number);
    if (target === current) return;
    form.elements.stage.value = stageId;
    form.elements.reason.value = "";
    if (target > current) {
      placeTentatively(card, stageId);
      send(form);
      return;
    }
    askReason(card, option.textContent.trim()).then(function (reason) {
      if (reason === null) {
        form.elements.stage.value = form.querySelector("option[selected]").value;
        return;
      }
      form.elements.reason.value = reason;
      placeTentatively(card, stageId);
      send(form);
    });
  }

  document.addEventListener("dragstart", function (event) {
    var card = closest(event.target, ".board-card");
    if (!card) return;
    dragged = card;
    card.classList.add("is-dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.dataset.id);
  });

  document.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("is-dragging");
    dragged = null;
    document.querySelectorAll(".board-column.is-drop-target").forEach(function (column) {
      column.classList.remove("is-drop-target");
    });
  });

  document.addEventListener("dragover", function (event) {
    var column = closest(event.target, ".board-column");
    if (!column || !dragged) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    column.classList.add("is-drop-target");
  });

  document.addEventListener("dragleave", function (event) {
    var column = closest(event.target, ".board-column");
    if (column && !column.contains(event.relatedTarget)) column.classList.remove("is-drop-target");
  });

  document.addEventListener("drop", function (event) {
    var column = closest(event.target, ".board-column");
    if (!column || !dragged) return;
    event.preventDefault();
    column.classList.remove("is-drop-target");
    var card = dragged;
    dragged = null;
    card.classList.remove("is-dragging");
    move(card, column.dataset.stage);
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("card-move-form")) return;
    event.preventDefault();
    move(closest(form, ".board-card"), form.elements.stage.value);
  });

  document.addEventListener("click", function (event) {
    var dismiss = closest(event.target, "[data-board-dismiss]");
    if (dismiss) closest(dismiss, ".board-outcome").remove();
  });
})();
