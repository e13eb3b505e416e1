// Small helpers shared by all pages. No build step: plain ES2017.
(function () {
  // Confirm dangerous actions: <button data-confirm="确定暂扣该执法证？">
  document.addEventListener("click", function (e) {
    var el = e.target.closest("[data-confirm]");
    if (el && !window.confirm(el.getAttribute("data-confirm"))) { e.preventDefault(); e.stopPropagation(); }
  }, true);
  // Render every <div class="jd-chart" data-option='{...}'> with ECharts when it is loaded.
  function renderCharts(root) {
    if (!window.echarts) return;
    (root || document).querySelectorAll(".jd-chart[data-option]").forEach(function (el) {
      if (el.dataset.rendered) return;
      el.dataset.rendered = "1";
      var chart = window.echarts.init(el);
      chart.setOption(JSON.parse(el.getAttribute("data-option")));
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { renderCharts(document); });
  document.addEventListener("htmx:afterSwap", function (e) { renderCharts(e.target); });
})();
