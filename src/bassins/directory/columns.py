"""The directory frames' column contract, shared by the directory (which builds the frames) and the
offer analysis (which reads them). Pure: no Django import.

- LOCATION_COLUMNS: one row per service_at_location (service, organisation, location, category, head
  office or site, precision and the territory codes of the location, source, status, extract date).
- AREA_COLUMNS: one row per declared service area (service, layer, area code).
"""

LOCATION_COLUMNS = [
    "service_id",
    "service_name_fr",
    "service_name_nl",
    "organization_id",
    "location_id",
    "category",
    "is_head_office",
    "is_site",
    "precision",
    "sector",
    "submunicipality",
    "commune",
    "monitoring",
    "bassin",
    "qss",
    "source",
    "status",
    "extract_date",
]
AREA_COLUMNS = ["service_id", "layer", "area_code"]
