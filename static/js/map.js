// The map of Chantiers. The same Chantiers are listed as text beside it, so
// the page stays useful when JavaScript or the tile server is unavailable.
//
// Markers are 44 px targets (WCAG 2.5.5), and markers closer than that on screen
// (around Montréal, at the zooms that show all of Québec) are drawn as one cluster
// that zooms in on them: done here, in a few lines, rather than with a plugin.
(function () {
  "use strict";
  var element = document.getElementById("carte");
  var data = document.getElementById("chantier-points");
  if (!element || !data || !window.L) return;
  var points = JSON.parse(data.textContent);
  var TARGET = 44; // px: the markers' size, and how close two may be before they cluster

  element.setAttribute("role", "region");
  element.setAttribute("aria-label", element.dataset.label);
  element.classList.add("map--ready");
  var map = L.map(element, { scrollWheelZoom: false });
  if (element.dataset.tiles) {
    var tiles = L.tileLayer(element.dataset.tiles, { maxZoom: 12, attribution: element.dataset.attribution });
    tiles.on("tileerror", function () { element.classList.add("map--no-tiles"); });
    tiles.addTo(map);
  }
  var layer = L.layerGroup().addTo(map);

  function icon(className, text) {
    return L.divIcon({ className: "map-marker " + className, html: "<span>" + text + "</span>", iconSize: [TARGET, TARGET] });
  }

  function popupFor(group) {
    var popup = document.createElement("div");
    var list = document.createElement("ul");
    list.className = "map-popup__list";
    group.forEach(function (point) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = point.url;
      link.textContent = point.number + ". " + point.name;
      item.appendChild(link);
      item.appendChild(document.createTextNode(" · " + point.status));
      list.appendChild(item);
    });
    popup.appendChild(list);
    return popup;
  }

  function single(point) {
    var marker = L.marker([point.lat, point.lng], {
      title: point.name,
      alt: point.name,
      icon: icon(point.active ? "map-marker--active" : "map-marker--candidate", point.number),
      keyboard: true,
    });
    marker.bindPopup(popupFor([point]));
    marker.bindTooltip(point.number + ". " + point.name, { direction: "right", className: "map-label" });
    return marker;
  }

  function cluster(group) {
    var names = group.map(function (point) { return point.number + ". " + point.name; }).join(", ");
    var label = element.dataset.clusterLabel.replace("{count}", group.length) + " : " + names;
    var bounds = L.latLngBounds(group.map(function (point) { return [point.lat, point.lng]; }));
    var marker = L.marker(bounds.getCenter(), {
      title: label,
      alt: label,
      icon: icon("map-marker--cluster", group.length),
      keyboard: true,
    });
    marker.on("click", function () {
      if (map.getZoom() >= map.getMaxZoom() - 1) {
        marker.bindPopup(popupFor(group)).openPopup();
      } else {
        map.fitBounds(bounds, { padding: [TARGET * 2, TARGET * 2], maxZoom: map.getZoom() + 3 });
      }
    });
    marker.bindTooltip(label, { direction: "right", className: "map-label" });
    return marker;
  }

  function draw() {
    layer.clearLayers();
    var groups = [];
    points.forEach(function (point) {
      var at = map.latLngToLayerPoint([point.lat, point.lng]);
      var near = groups.filter(function (group) { return group.at.distanceTo(at) < TARGET; })[0];
      if (near) near.points.push(point);
      else groups.push({ at: at, points: [point] });
    });
    groups.forEach(function (group) {
      layer.addLayer(group.points.length === 1 ? single(group.points[0]) : cluster(group.points));
    });
  }

  // Placed without animation, so the first clusters are drawn for the zoom the map stays at.
  var bounds = points.map(function (point) { return [point.lat, point.lng]; });
  if (bounds.length) map.fitBounds(bounds, { padding: [40, 40], maxZoom: 8, animate: false });
  else map.setView([47.5, -72.5], 5, { animate: false });
  map.on("zoomend", draw);
  draw();
})();
