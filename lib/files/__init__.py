"""The formats in and out (CSV, JSON, iCalendar, reports, demo data): domain objects in, text or bytes out.

One module per format: `csv` (with `csv_people`, its two list cells), `json` (with `json_input`,
which reads untrusted JSON text safely), `ics`, `report` and `report_html`, and `demo`. `imports`
is the import preview and plan for either file format, `import_limits` how much one import reads
(and the one decoder of an import file's bytes), `export_file` the safe write of an export to a
file the user named.
"""
