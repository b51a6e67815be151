// The map of Chantiers. The same Chantiers are listed as text beside it, so
// the page stays useful when JavaScript or the tile server is unavailable.
(function () {
  "use strict";
  var element = document.getElementById("carte");
  var data = document.getElementById("chantier-points");
  if (!element || !data || !window.L) return;
  var points = JSON.parse(data.textContent);

  element.setAttribute("role", "region");
  element.setAttribute("aria-label", element.dataset.label);
  element.classList.add("map--ready");
  var map = L.map(element, { scrollWheelZoom: false }).setView([47.5, -72.5], 5);
  if (element.dataset.tiles) {
    var tiles = L.tileLayer(element.dataset.tiles, { maxZoom: 12, attribution: element.dataset.attribution });
    tiles.on("tileerror", function () { element.classList.add("map--no-tiles"); });
    tiles.addTo(map);
  }
  var bounds = [];
  points.forEach(function (point) {
    var marker = L.marker([point.lat, point.lng], {
      title: point.name,
      alt: point.name,
      icon: L.divIcon({
        className: "map-marker " + (point.active ? "map-marker--active" : "map-marker--candidate"),
        html: "<span>" + point.number + "</span>",
        iconSize: [26, 26],
      }),
      keyboard: true,
    }).addTo(map);
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.name;
    var popup = document.createElement("div");
    popup.appendChild(link);
    popup.appendChild(document.createElement("br"));
    popup.appendChild(document.createTextNode(point.status));
    marker.bindPopup(popup);
    marker.bindTooltip(point.number + ". " + point.name, { direction: "right", className: "map-label" });
    bounds.push([point.lat, point.lng]);
  });
  if (bounds.length) map.fitBounds(bounds, { padding: [40, 40], maxZoom: 8 });
})();
