"""An event's address placed by the territory locator on the real territories: by its official
address point when one is loaded (point precision, coordinates for the map), else by postcode."""

import pandas as pd
import pytest
from pyproj import Transformer

from bassins.agenda import places
from bassins.territory import store

pytestmark = [pytest.mark.realdata, pytest.mark.django_db]

#: Rue de la Loi 16, 1000 Bruxelles (the Prime Minister's office), WGS84.
LON, LAT = 4.3662, 50.8462


def test_without_address_file_the_postcode_places_the_event(loaded_territories, make_event):
    event = make_event("CO", street="Rue de la Loi", house_number="16", postcode="1000")
    placement = places.place_event(event)
    assert placement.precision == "postcode"
    assert placement.commune == "21004" and placement.latitude is None
    assert "no address file loaded" in placement.note
    assert (
        places.place_event(
            make_event(postcode="", commune_name="", online_url="https://x.be")
        ).precision
        == "none"
    )


def test_with_the_address_point_the_event_is_on_the_map(loaded_territories, make_event):
    x, y = Transformer.from_crs("EPSG:4326", "EPSG:31370", always_xy=True).transform(LON, LAT)
    frame = pd.DataFrame(
        [
            {
                "postcode": "1000",
                "street_fr": "Rue de la Loi",
                "street_nl": "Wetstraat",
                "house_number": "16",
                "commune": "21004",
                "x": x,
                "y": y,
            }
        ]
    )
    store.save_addresses(frame, "hand-made test point", "0" * 64, {"addresses": 1})
    event = make_event("CO", street="Wetstraat", house_number="16", postcode="1000")
    placement = places.place_event(event)
    assert placement.precision == "point"
    assert placement.latitude == pytest.approx(LAT, abs=1e-6)
    assert placement.longitude == pytest.approx(LON, abs=1e-6)
    assert placement.commune == "21004" and placement.sector.startswith("21004")
    event.save()
    event.refresh_from_db()
    assert (event.precision, event.commune) == ("point", "21004")
