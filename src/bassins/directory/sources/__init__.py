"""Parsers and normalisers, one module per source, each turning a file into a `Bundle`. Pure (no Django).

afmps       AFMPS/FAGG pharmacy register (CSV, Lambert 2008 coordinates, status)
hospitals   FPS Public Health / Eurostat GISCO hospital sites (CSV, beds, emergency department)
osm         OpenStreetMap features (GeoJSON, opening_hours), linked to official records by `matching`
sample      the hand-compiled sample directory (CSV, addresses without coordinates)
spreadsheet any CSV/XLSX export, driven by a JSON mapping file (mappings/*.json)
hsds        HSDS 3.1 datapackages (CSV + datapackage.json), in and out
"""
