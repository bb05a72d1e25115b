/* Draws each report chart from the Plotly figure (JSON) the server put next to it:
   <div data-figure="ID"> is drawn from <script type="application/json" id="ID">.
   A point whose customdata is an address on this site ("/opportunities/?stage=3") opens it on
   click: that is how a dashboard chart leads into the list behind it. */
(function () {
  "use strict";
  function localAddress(value) {
    return typeof value === "string" && value.charAt(0) === "/" && value.charAt(1) !== "/";
  }
  function followClicks(element) {
    element.on("plotly_click", function (event) {
      var point = event && event.points && event.points[0];
      if (point && localAddress(point.customdata)) {
        window.location.assign(point.customdata);
      }
    });
  }
  function draw() {
    document.querySelectorAll("[data-figure]").forEach(function (element) {
      var source = document.getElementById(element.dataset.figure);
      if (!source || !window.Plotly) { return; }
      var figure = JSON.parse(source.textContent);
      window.Plotly.newPlot(element, figure.data, figure.layout, {
        responsive: true,
        displayModeBar: false
      }).then(function () {
        if (element.hasAttribute("data-clickable")) {
          followClicks(element);
          element.classList.add("clickable");
        }
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
